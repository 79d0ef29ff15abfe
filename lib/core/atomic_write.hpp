// Replacing a file the tools write (an --update-doc FILE, a --write-baseline FILE) so that a reader
// never sees a half file: a temporary file in the same directory, then rename.
#pragma once

#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>

namespace boundaudit {

// The file a path names: a symbolic link is followed to its target, so a rename replaces the target
// and the link stays. nullopt with *error when the link cannot be resolved.
std::optional<std::string> resolve_link(const std::string& path, std::string* error);

// Why the existing file at target (already stat'ed) must not be replaced, or nullopt. `writer` names
// the option that writes it ("--update-doc"). A directory is refused; a file without write permission
// is one its owner protected (a rename in a writable directory would replace it all the same); a file
// with more than one hard link would be split from its other names by the rename, and writing it in
// place instead could leave a half file on a failed write. Write permission counts for the user
// running (access) and, since root passes access, as the mode's write bits too.
std::optional<std::string> replace_refusal(const std::string& target, const struct stat& st, std::string_view writer);

// Writes text to path through a temporary file in the same directory and a rename; keeps an existing
// file's owner, group and mode (or fails, leaving the file alone, when they cannot be kept), follows a
// symbolic link to its target, and refuses what replace_refusal refuses. On failure nothing is left
// behind (the temporary file is removed) and *error says why, naming the file.
bool write_atomically(const std::string& path, std::string_view text, std::string_view writer, std::string* error);

}  // namespace boundaudit
