// libFuzzer target: the scenario loader on arbitrary text. Bad input must come back as a
// sim::Error (never a crash, hang or leak), and a scenario that loads must survive the
// round trip to_toml -> load unchanged (the promise `kafkasim shrink` relies on).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "harness/scenario/toml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // `data` CSV paths resolve against this (absent) directory, so relative ones fail fast.
    const std::string file_name = "kafkasim-fuzz-absent/scenario.toml";
    sim::Result<harness::Scenario> scenario = harness::load_scenario_string(text, file_name);
    if (!scenario) {
        if (scenario.error().message().empty()) std::abort();
        return 0;
    }
    // A producer's data rows are written back as its file name: only data-free scenarios
    // can reload from a string.
    for (const harness::ProducerSpec& producer : scenario.value().producers) {
        if (!producer.data_file.empty()) return 0;
    }
    std::string written = harness::to_toml(scenario.value());
    sim::Result<harness::Scenario> reloaded = harness::load_scenario_string(written, file_name);
    if (!reloaded || !(reloaded.value() == scenario.value())) std::abort();
    return 0;
}
