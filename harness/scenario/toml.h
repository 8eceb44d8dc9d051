#pragma once
// Reading a Scenario from TOML (validated, errors as "file:line:col: expected ..."),
// applying `--set key=value` overrides, and writing a Scenario back as TOML.

#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/scenario.h"
#include "sim/result.h"

namespace harness {

/// One `--set key=value` override: a dotted path addressed by names
/// ("producers.trucks.config.acks"), and the value as typed ("all", "5", "60s").
struct Override {
    std::string path;
    std::string value;

    /// "path=value", as given on the command line.
    std::string text() const { return path + "=" + value; }
};

/// Splits "a.b.c=v" at the first '='. Errors name the flag.
sim::Result<Override> parse_override(std::string_view text);

/// Loads and validates a scenario file; `data` CSV files are read relative to it.
/// Overrides are applied to the TOML tree before validation, so errors stay precise.
sim::Result<Scenario> load_scenario_file(const std::string& path,
                                         const std::vector<Override>& overrides = {});

/// Same, from text; `file_name` appears in error positions and anchors `data` paths.
sim::Result<Scenario> load_scenario_string(std::string_view text,
                                           const std::string& file_name = "<string>",
                                           const std::vector<Override>& overrides = {});

/// Writes `scenario` as a scenario file that loads back to an equal Scenario. Defaults
/// are omitted; a producer's data rows are written as its `data` file name.
std::string to_toml(const Scenario& scenario);

/// Parses a fault target ("broker:2", "leader(trucks_gps,0)"); errors say the syntax.
sim::Result<FaultTarget> parse_fault_target(std::string_view text);

/// Expands a key pattern: "truck_{1..50}" gives truck_1 ... truck_50; text without
/// braces is one key.
sim::Result<std::vector<std::string>> expand_key_pattern(std::string_view pattern);

}  // namespace harness
