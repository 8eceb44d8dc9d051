#pragma once
// Helpers for the check/ tests: histories from CSV rows, anomaly names, data files.

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "check/checker.h"
#include "check/history_csv.h"

namespace check::testing {

/// Reads CSV rows (without the header) into a history; a parse error fails the test.
inline History rows(std::string_view csv_rows) {
    std::string text = std::string(kHistoryCsvHeader) + "\n" + std::string(csv_rows);
    sim::Result<History> history = read_history_csv_string(text, "test.csv");
    EXPECT_TRUE(history.ok()) << (history.ok() ? "" : history.error().message());
    return history.ok() ? history.value() : History{};
}

/// Checks a history that holds only the rows one rule is about (no acknowledged send or
/// no poll): CheckOptions::workload = false keeps `empty-history`, tested on its own,
/// out of the verdict.
inline Verdict check_rule(const History& history, CheckOptions options = {}) {
    options.workload = false;
    return check_history(history, options);
}

/// The names of every anomaly in the verdict.
inline std::set<std::string> names(const Verdict& verdict) {
    std::set<std::string> out;
    for (const Anomaly& anomaly : verdict.anomalies) out.insert(anomaly.name);
    return out;
}

/// The anomalies with this name.
inline std::vector<Anomaly> named(const Verdict& verdict, std::string_view name) {
    std::vector<Anomaly> out;
    for (const Anomaly& anomaly : verdict.anomalies) {
        if (anomaly.name == name) out.push_back(anomaly);
    }
    return out;
}

/// Path of a file under tests/check/data.
inline std::string data_path(std::string_view file) {
    const char* source = std::getenv("KAFKASIM_SOURCE_DIR");
    std::string root = source ? source : KAFKASIM_TEST_SOURCE_DIR;
    return root + "/tests/check/data/" + std::string(file);
}

}  // namespace check::testing
