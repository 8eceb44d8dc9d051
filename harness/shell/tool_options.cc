#include "harness/shell/tool_options.h"

namespace harness::shell {
namespace {

sim::Error tool_error(std::string text) { return sim::Error{"", std::move(text)}; }

/// jopt-simple accepts any unique prefix of an option's name; an exact name wins.
const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& name) {
    const OptionSpec* found = nullptr;
    int matches = 0;
    for (const OptionSpec& spec : specs) {
        if (spec.name == name) return &spec;
        if (spec.name.compare(0, name.size(), name) == 0) {
            found = &spec;
            ++matches;
        }
    }
    return matches == 1 ? found : nullptr;
}

bool looks_like_option(const std::string& word) {
    return word.size() > 1 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9');
}

}  // namespace

std::optional<std::string> ToolOptions::value(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> ToolOptions::values(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

void ToolOptions::add(const std::string& name, std::optional<std::string> value) {
    auto& list = values_[name];
    if (value) list.push_back(std::move(*value));
}

std::string uncaught(const std::string& exception_class, const std::string& message) {
    return "Exception in thread \"main\" " + exception_class + ": " + message;
}

sim::Result<ToolOptions> parse_tool_options(const std::vector<OptionSpec>& specs,
                                            const std::vector<std::string>& args) {
    ToolOptions options;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (!looks_like_option(word)) {
            options.add_positional(word);
            continue;
        }
        std::string name = word.substr(word[1] == '-' ? 2 : 1);
        std::optional<std::string> inline_value;
        const size_t equals = name.find('=');
        if (equals != std::string::npos) {
            inline_value = name.substr(equals + 1);
            name.resize(equals);
        }
        const OptionSpec* spec = find_spec(specs, name);
        if (spec == nullptr) {
            return tool_error(uncaught("joptsimple.UnrecognizedOptionException",
                                       name + " is not a recognized option"));
        }
        if (!spec->takes_argument) {
            options.add(spec->name, std::nullopt);
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size() || looks_like_option(args[i + 1])) {
                return tool_error(uncaught("joptsimple.OptionMissingRequiredArgumentException",
                                           "Option ['" + spec->name + "'] requires an argument"));
            }
            inline_value = args[++i];
        }
        options.add(spec->name, std::move(inline_value));
    }
    return options;
}

}  // namespace harness::shell
