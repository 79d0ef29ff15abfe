// What the per-file stage makes of one source, and its bytes for the content cache (cache.hpp).
//
// A FileRecord is everything the audit keeps of a file after the per-file stage: its facts (summary
// and draft sites), its directives and notes, or the input error that kept it out. encode() and
// decode() turn it into bytes and back exactly: the cross-file steps (index, inventory, rules) then
// run on a decoded record as they would on a fresh one, so a cached run and a cold run give the
// same output (tests/loops/cache_test.cpp checks the round trip; tests/scripts/loop_cache.sh the output).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/suppression.hpp"
#include "loops/cache.hpp"
#include "loops/facts.hpp"

namespace boundaudit::loops {

struct AuditResult;

struct FileRecord {
  bool deferred = false;  // no site and nothing another file needs yet: summarised only if asked about
  bool cut = false;       // parsed from a cut (partial parse), not whole
  FileFacts facts;
  std::vector<Directive> directives;
  std::vector<Finding> notes;  // LA001, malformed directives
  std::optional<InputError> error;
};

// The record as bytes (a format private to this build: cache keys include the tool's version and
// kRecordFormat, so bytes are only ever read back by the code that wrote them).
std::string encode(const FileRecord& record);

// The record back from encode()'s bytes; nullopt when they are cut short, too long or malformed (a
// corrupt cache entry is never trusted). The summary's index parts not asked for are skipped, not
// decoded (left empty): for a caller that reads them back later, or never needs them.
std::optional<FileRecord> decode(std::string_view bytes, IndexParts parts = {});

// Empties the summary's index parts (exports, functions, accounted, calls and declared), memory and all.
void drop_index_parts(FileSummary* summary);

// How often each of a run's candidate names (sorted; an index into them) occurs as a word of code in
// each file, by the file's content key: the mention counts of the project index, kept so that a run
// with the same candidates counts only the files that changed.
struct MentionCounts {
  struct Count {
    int name = 0;
    int n = 0;
  };
  struct File {
    CacheKey key;
    std::vector<Count> counts;  // only names it mentions
  };
  std::vector<File> files;
};
std::string encode(const MentionCounts& counts);
// The bytes of encode(MentionCounts) for a table of n files, file k made by file(k, &f) (in order,
// f's counts empty), handed to sink in pieces: the table is never held whole.
void encode_mentions(std::size_t n, const std::function<void(std::size_t, MentionCounts::File*)>& file,
                     const std::function<void(std::string_view)>& sink);
std::optional<MentionCounts> decode_mentions(std::string_view bytes);

// The content keys (sorted) of the files whose record says only "no site, nothing to tell" (most
// files of a tree): one entry for all of them, so that a cold run does not write, nor a warm run
// read, one entry per such file.
struct DeferredKeys {
  std::vector<CacheKey> keys;
};
std::string encode(const DeferredKeys& keys);
// The same bytes, handed to sink in pieces (never all held at once).
void encode(const DeferredKeys& keys, const std::function<void(std::string_view)>& sink);
std::optional<DeferredKeys> decode_deferred(std::string_view bytes);

// The stamp (cache.hpp) and content digest of each file a run read, by the file's (device, inode):
// what lets the next run take an unchanged file's digest without reading it, whatever path names the
// file. One memo per cache folder; 40 bytes per file, no path.
struct StampMemo {
  struct Entry {
    std::uint64_t device = 0, inode = 0;  // where the file is: the memo's order
    std::uint64_t check = 0;              // stamp_check (cache.hpp) of its stamp: the rest of it
    CacheKey digest;
    // Entry{stamp, digest}: the memo's entry for a file with this stamp and content.
    static Entry of(const FileStamp& stamp, const CacheKey& digest) {
      return {stamp.device, stamp.inode, stamp_check(stamp), digest};
    }
    // Whether this entry comes before the one of the file at (device, inode).
    bool before(std::uint64_t dev, std::uint64_t ino) const { return device < dev || (device == dev && inode < ino); }
  };
  std::vector<Entry> entries;  // sorted by (device, inode), each file once
};
std::string encode(const StampMemo& memo);
// The bytes of encode(StampMemo) for a memo of n entries, entry k given by entry(k) (called in order),
// handed to sink in pieces: the memo is never held whole as bytes, nor as a list of its entries.
void encode_stamps(std::size_t n, const std::function<const StampMemo::Entry&(std::size_t)>& entry,
                   const std::function<void(std::string_view)>& sink);
// nullopt when malformed or when the files are not sorted and unique.
std::optional<StampMemo> decode_stamps(std::string_view bytes);

// A whole run's result (audit.hpp), kept under a key made of every source's path and content digest
// and the settings: a run whose sources the stamp memo shows unchanged reads it back instead of
// recomputing what crosses files (audit.cpp).
std::string encode(const AuditResult& result);
// The same bytes, given to sink in pieces of about 64 KiB (so that they are never all held at once).
void encode(const AuditResult& result, const std::function<void(std::string_view)>& sink);
std::optional<AuditResult> decode_result(std::string_view bytes);

// One site as bytes, appended to *out (SiteList's storage), and back; nullopt when malformed.
void append_encoded(const AuditSite& site, std::string* out);
std::optional<AuditSite> decode_site(std::string_view bytes);

// A record with nothing in it but its flags (deferred, cut) and module: no error, draft, directive or
// note, nothing else summarised.
bool only_flags(const FileRecord& record);
// A record that holds nothing but "deferred": no site, no directive, no error, nothing summarised.
bool nothing_to_keep(const FileRecord& record);

// Bumped whenever FileRecord, MentionCounts, DeferredKeys, StampMemo, AuditResult or their encoding changes.
inline constexpr int kRecordFormat = 7;

}  // namespace boundaudit::loops
