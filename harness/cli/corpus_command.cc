// `kafkasim corpus`: replay the failing-seed corpus; exit 0 when every entry still holds
// (passes now, or still shows the violation it names), 1 when one does not, 2 on bad input.
#include <fmt/format.h>

#include "harness/cli/commands.h"
#include "harness/trust/corpus.h"

namespace harness::cli {

int corpus_command(const CorpusArgs& args, const Context& context) {
    sim::Result<std::vector<CorpusEntry>> entries = load_corpus(args.index);
    if (!entries) {
        fmt::print(context.err, "{}\n", entries.error().message());
        return kExitBadInput;
    }
    sim::Result<std::vector<CorpusOutcome>> outcomes = replay_corpus(entries.value(), context.run);
    if (!outcomes) {
        fmt::print(context.err, "{}\n", outcomes.error().message());
        return kExitBadInput;
    }
    size_t broken = 0;
    for (const CorpusOutcome& outcome : outcomes.value()) {
        const CorpusEntry& entry = outcome.entry;
        std::string anomalies;
        for (const std::string& name : outcome.result.anomalies) {
            anomalies += (anomalies.empty() ? "" : ", ") + name;
        }
        fmt::print(context.out, "{} {} --seed {}: expect {}, got {}{}\n",
                   outcome.held ? "ok  " : "FAIL", entry.path, entry.seed, outcome.expect,
                   outcome.result.failing ? "FAIL" : "pass",
                   anomalies.empty() ? "" : " (" + anomalies + ")");
        if (!outcome.held) {
            ++broken;
            const std::string fixed_by =
                entry.fixed_by.empty() ? "" : " (fixed by " + entry.fixed_by + ")";
            fmt::print(context.out, "     {}{}; replay: kafkasim replay {} --seed {}\n",
                       entry.note, fixed_by, entry.path, entry.seed);
        }
    }
    fmt::print(context.out, "corpus: {} entries, {} held, {} broken\n", outcomes.value().size(),
               outcomes.value().size() - broken, broken);
    return broken == 0 ? kExitExpected : kExitUnexpected;
}

}  // namespace harness::cli
