#pragma once
// The on-disk form of metadata log entries (the single-node MetadataLog's file, the Raft
// log's payloads and snapshots): each entry its offset and record in the internal record
// codec (core/common/internal_record_codec.h), ended by '\n', so a torn last entry is
// detected and dropped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/metadata_fetch.h"

namespace core::controller {

/// One entry, ending in '\n'.
std::string encode_entry(const protocol::MetadataLogEntry& entry);
/// Every complete, well-formed entry of `bytes`, in order; stops at the first torn one.
std::vector<protocol::MetadataLogEntry> decode_entries(std::string_view bytes);

}  // namespace core::controller
