// libFuzzer target: the history CSV reader on arbitrary bytes. Bad input must come back
// as a sim::Error naming a line; a history that reads must write back to CSV that reads
// to the same history (design.md §6: the writer's output is the reader's input).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "check/history_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    sim::Result<check::History> history = check::read_history_csv_string(text, "fuzz.csv");
    if (!history) {
        if (history.error().message().empty()) std::abort();
        return 0;
    }
    sim::Result<std::string> written = check::write_history_csv_string(history.value());
    if (!written) return 0;  // a field with a line break cannot be written: an error, fine
    sim::Result<check::History> reread = check::read_history_csv_string(written.value());
    if (!reread || !(reread.value() == history.value())) std::abort();
    return 0;
}
