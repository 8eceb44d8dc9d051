// `kafkasim check`: the CLI's door to check/ for a history recorded elsewhere (a real
// cluster, an earlier run's --history).
#include "harness/check_command.h"

#include <fmt/format.h>

#include "check/checker.h"
#include "check/history_csv.h"
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
    sim::Result<check::History> history = check::read_history_csv_file(path);
    if (!history) {
        fmt::print(err, "{}\n", history.error().message());
        return 2;
    }
    const check::Verdict verdict = check::check_history(history.value(), options);
    fmt::print(out, "{} rows checked ({})\n{}", history.value().size(), semantics,
               check::render_text(verdict));
    return verdict.exit_code();
}

}  // namespace harness
