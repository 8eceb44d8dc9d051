// `kafkasim check`: the CLI's door to check/ for a history recorded elsewhere (a real
// cluster, an earlier run's --history).
#include "harness/cli/check_command.h"

#include <fmt/format.h>

#include "check/checker.h"
#include "check/verdict.h"

namespace harness {

int check_history_file(const std::string& path, const std::string& semantics, std::FILE* out,
                       std::FILE* err) {
    check::CheckOptions options;
    sim::Result<check::Guarantee> guarantee = check::parse_guarantee(semantics);
    if (!guarantee) {
        fmt::print(err, "--semantics: {}\n", guarantee.error().message());
        return 2;
    }
    options.default_guarantee = guarantee.value();
    sim::Result<check::Verdict> verdict = check::check_history_file(path, options);
    if (!verdict) {
        fmt::print(err, "{}\n", verdict.error().message());
        return 2;
    }
    // A broken run can hold a million anomalies: ten lines per name, then a count of the rest.
    fmt::print(out, "{}", check::render_text(verdict.value(), 10));
    return verdict.value().exit_code();
}

}  // namespace harness
