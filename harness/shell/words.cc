#include "harness/shell/words.h"

namespace harness::shell {

sim::Result<std::vector<std::string>> split_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                word += c;
            }
            continue;
        }
        if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
            continue;
        }
        if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else {
                word += c;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            if (in_word) words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote != 0) {
        return sim::Error{"shell", std::string("unexpected EOF while looking for matching `") +
                                       quote + "'"};
    }
    if (in_word) words.push_back(std::move(word));
    return words;
}

std::string tool_name(std::string_view word) {
    const size_t slash = word.rfind('/');
    if (slash != std::string_view::npos) word.remove_prefix(slash + 1);
    if (word.size() > 3 && word.substr(word.size() - 3) == ".sh") word.remove_suffix(3);
    return std::string(word);
}

}  // namespace harness::shell
