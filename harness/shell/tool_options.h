#pragma once
// Command-line options as Kafka's tools read them (jopt-simple): "--name value" or
// "--name=value", unique prefixes of a name accepted, repeated options collected, and
// jopt-simple's exceptions, as the tools print them, for what it rejects.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/result.h"

namespace harness::shell {

/// One option a tool accepts.
struct OptionSpec {
    std::string name;  ///< without the dashes: "topic"
    bool takes_argument = false;
};

class ToolOptions {
   public:
    bool has(const std::string& name) const { return values_.count(name) != 0; }
    /// The last value given for `name`, if any.
    std::optional<std::string> value(const std::string& name) const;
    /// Every value given for `name`, in order.
    std::vector<std::string> values(const std::string& name) const;
    /// Words that are no option nor an option's argument.
    const std::vector<std::string>& positional() const { return positional_; }

    void add(const std::string& name, std::optional<std::string> value);
    void add_positional(std::string word) { positional_.push_back(std::move(word)); }

   private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positional_;
};

/// How a tool reports an exception it did not catch (the JVM's first line).
std::string uncaught(const std::string& exception_class, const std::string& message);

/// Parses `args` against `specs`. Errors carry the text the tool prints (`what`), e.g.
/// `Exception in thread "main" joptsimple.UnrecognizedOptionException: x is not a
/// recognized option`.
sim::Result<ToolOptions> parse_tool_options(const std::vector<OptionSpec>& specs,
                                            const std::vector<std::string>& args);

}  // namespace harness::shell
