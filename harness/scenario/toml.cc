// Entry points of the scenario loader: parse the TOML, apply `--set` overrides to the
// tree, then validate into a Scenario, turning every mistake into one sim::Error.
#include "harness/scenario/toml.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/scenario/loader.h"

namespace harness {
namespace {

sim::Result<Scenario> load(std::string_view text, const std::string& file_name,
                           const std::vector<Override>& overrides) {
    detail::SourceMap sources(file_name);
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
        std::string what(error.description());
        if (what.rfind("expected", 0) != 0) what = "expected valid TOML: " + what;
        return sim::Error{sources.where(error.source()), what};
    }
    std::string directory = std::filesystem::path(file_name).parent_path().string();
    try {
        for (const Override& override_ : overrides) {
            detail::apply_override(root, sources, override_);
        }
        Scenario scenario = detail::read_scenario(sources, root, directory);
        scenario.source_file = file_name;
        return scenario;
    } catch (const detail::LoadFailure& failure) {
        return failure.error;
    }
}

}  // namespace

sim::Result<Override> parse_override(std::string_view text) {
    size_t equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0) {
        return sim::Error{"--set " + std::string(text),
                          "expected KEY=VALUE, such as producers.trucks.config.acks=all"};
    }
    return Override{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

sim::Result<Scenario> load_scenario_file(const std::string& path,
                                         const std::vector<Override>& overrides) {
    // Only a regular file: a device or FIFO ("/dev/zero", "/dev/stdin") would never end.
    std::error_code error;
    std::ifstream in;
    if (std::filesystem::is_regular_file(path, error)) in.open(path, std::ios::binary);
    if (!in.is_open()) return sim::Error{path, "expected a readable scenario file"};
    std::ostringstream text;
    text << in.rdbuf();
    return load(text.str(), path, overrides);
}

sim::Result<Scenario> load_scenario_string(std::string_view text, const std::string& file_name,
                                           const std::vector<Override>& overrides) {
    return load(text, file_name, overrides);
}

}  // namespace harness
