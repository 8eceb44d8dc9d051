#pragma once
// The on-disk form of metadata log entries for the single-node MetadataLog: one entry a
// line, integers in decimal and strings length-prefixed ("5:hello"), so any topic name or
// config value round-trips and a torn last line is detected and dropped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/metadata_fetch.h"

namespace core::controller {

/// One line (ending in '\n') holding the entry.
std::string encode_entry(const protocol::MetadataLogEntry& entry);
/// Every complete, well-formed line of `bytes`, in order; stops at the first torn line.
std::vector<protocol::MetadataLogEntry> decode_entries(std::string_view bytes);

}  // namespace core::controller
