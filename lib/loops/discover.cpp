#include "loops/discover.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "loops/gitignore.hpp"
#include "loops/parallel.hpp"

namespace boundaudit::loops {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxGitignoreBytes = 16u << 20;
// How many levels deep the walk holds each directory's descriptor open while it walks the
// subdirectories, to open them by name (deeper, by their whole path: a deep tree never runs out of
// descriptors).
constexpr int kMaxHeldDepth = 64;

// '/'-separated, lexically normal, no trailing '/' (except the root itself), "." for empty.
std::string normal(const fs::path& p) {
  std::string s = p.lexically_normal().generic_string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s.empty() ? "." : s;
}

std::string join(const std::string& dir, const std::string& name) {
  if (dir == ".") return name;
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

using FileId = std::pair<dev_t, ino_t>;
constexpr FileId kNoId{0, 0};  // no file has inode 0

class Walker {
 public:
  Walker(const DiscoverOptions& options, Discovery* out)
      : options_(options), out_(out), exclude_(glob_rules(options.exclude)) {}

  void named(const std::string& arg) {
    if (arg.empty()) return fail(arg, "empty path", true);
    std::error_code ec;
    auto status = fs::status(arg, ec);
    if (ec == std::errc::too_many_symbolic_link_levels)
      return fail(arg, "symlink loop (too many levels of symbolic links)", true);
    if (ec || !fs::exists(status)) {
      std::error_code lec;
      if (fs::is_symlink(fs::symlink_status(arg, lec))) return fail(arg, "broken symbolic link", true);
      return fail(arg, "no such file or directory", true);
    }
    const std::string reported = normal(arg);
    if (fs::is_directory(status)) {
      const std::string abs = normal(fs::absolute(arg, ec));
      std::vector<IgnoreFile> stack;
      if (options_.gitignore) stack = ancestor_ignores(abs);
      walk(AT_FDCWD, abs.c_str(), abs, reported, stack, true, 0);
      return;
    }
    if (!fs::is_regular_file(status)) return fail(reported, "not a regular file or directory", true);
    if (excluded_with_parents(reported)) return;
    if (::access(arg.c_str(), R_OK) != 0) return fail(reported, "cannot read: permission denied", true);
    add_file(arg, reported);
  }

 private:
  void fail(const std::string& path, std::string message, bool named) {
    out_->errors.push_back(InputError{path, std::nullopt, std::move(message)});
    if (named) out_->named_path_failed = true;
  }

  // A file reached twice (named twice under different spellings, through a symbolic link, or a hard
  // link) is audited once, under the path it was first reached by (finish() drops the others). id:
  // the file's (device, inode) when the caller knows it (a directory entry's own inode, from readdir);
  // else it is looked up.
  void add_file(const std::string& path, const std::string& reported, std::optional<FileId> id = std::nullopt) {
    if (!id) {
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0) id = FileId{st.st_dev, st.st_ino};
    }
    file_ids_.push_back(id.value_or(kNoId));
    out_->files.push_back(reported);
  }

 public:
  // The files reached more than once dropped but for their first path (by their ids, sorted once:
  // 16 bytes a file while the walk runs, where a set of them took 48 and an allocation each).
  void finish() {
    std::vector<std::uint32_t> order(file_ids_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return std::tie(file_ids_[a], a) < std::tie(file_ids_[b], b); });
    std::vector<char> drop(file_ids_.size(), 0);
    for (std::size_t k = 1; k < order.size(); ++k)
      if (file_ids_[order[k]] != kNoId && file_ids_[order[k]] == file_ids_[order[k - 1]]) drop[order[k]] = 1;
    std::exchange(file_ids_, {});
    out_->files.erase(drop);
  }

 private:

  bool excluded(const std::string& reported, bool is_dir) const {
    return !exclude_.empty() && match_rules(exclude_, reported, is_dir) == IgnoreMatch::ignored;
  }

  // A named file is excluded when it or one of the directories on its path is.
  bool excluded_with_parents(const std::string& reported) const { return path_matched(exclude_, reported); }

  static bool gitignored(const std::vector<IgnoreFile>& stack, const std::string& abs, bool is_dir) {
    IgnoreMatch result = IgnoreMatch::none;
    for (const auto& file : stack) {  // outer files first: deeper ones and later lines win
      const std::size_t skip = file.base == "/" ? 1 : file.base.size() + 1;
      if (abs.size() <= skip || abs.compare(0, file.base.size(), file.base) != 0 || abs[skip - 1] != '/') continue;
      std::string_view relative(abs);
      relative.remove_prefix(skip);
      auto m = match_rules(file.rules, relative, is_dir);
      if (m != IgnoreMatch::none) result = m;
    }
    return result == IgnoreMatch::ignored;
  }

  // A .gitignore that is there but cannot be used (a FIFO, a device, too large) is reported; its
  // directory is still walked.
  bool read_gitignore(const std::string& dir, const std::string& reported, std::vector<IgnoreFile>* stack) {
    auto read = read_source(join(dir, ".gitignore"), kMaxGitignoreBytes);
    if (!read.source) {
      if (read.failure == ReadFailure::unusable && read.error)
        fail(join(reported, ".gitignore"), read.error->message, false);
      return false;
    }
    auto rules = parse_gitignore(read.source->text);
    if (rules.empty()) return false;
    stack->push_back(IgnoreFile{dir, std::move(rules)});
    return true;
  }

  // .gitignore files from the enclosing work tree's root down to (not including) abs; none when abs is
  // not inside a git work tree.
  std::vector<IgnoreFile> ancestor_ignores(const std::string& abs) {
    std::vector<std::string> chain;
    fs::path dir = fs::path(abs).parent_path();
    bool in_repo = false;
    std::error_code ec;
    if (fs::exists(fs::path(abs) / ".git", ec)) return {};
    while (true) {
      chain.push_back(normal(dir));
      if (fs::exists(dir / ".git", ec)) {
        in_repo = true;
        break;
      }
      if (!dir.has_parent_path() || dir.parent_path() == dir) break;
      dir = dir.parent_path();
    }
    std::vector<IgnoreFile> stack;
    if (!in_repo) return stack;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) read_gitignore(*it, *it, &stack);
    return stack;
  }

  // Walks the directory abs (reported as reported), opened as at_name relative to the descriptor
  // at_fd (its parent's, so that the open looks up one name, not the whole path; AT_FDCWD and abs for a
  // named one, and below kMaxHeldDepth levels of descriptors held open, by the whole path again).
  void walk(int at_fd, const char* at_name, const std::string& abs, const std::string& reported,
            std::vector<IgnoreFile>& stack, bool named, int depth) {
    const int raw = ::openat(at_fd, at_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (raw < 0) {
      if (errno == ENOENT || errno == ENOTDIR) return fail(reported, "cannot read directory", named);
      return fail(reported, std::string("cannot read directory: ") + std::strerror(errno), named);
    }
    struct stat st {};
    if (::fstat(raw, &st) != 0) {
      ::close(raw);
      return fail(reported, std::string("cannot read directory: ") + std::strerror(errno), named);
    }
    std::unique_ptr<DIR, int (*)(DIR*)> dir(::fdopendir(raw), ::closedir);
    if (!dir) {
      ::close(raw);
      return fail(reported, std::string("cannot read directory: ") + std::strerror(errno), named);
    }
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;  // symlink loop or seen before

    // The entries with readdir's own type and inode: only a symbolic link (or an entry of unknown
    // type) is followed with a stat.
    struct Entry {
      std::string name;
      fs::file_type type = fs::file_type::none;  // after following a symbolic link; not_found: broken
      bool symlink_loop = false;                  // the link leads back to itself
      std::optional<FileId> id;                   // a regular file's (device, inode)
    };
    std::vector<Entry> entries;
    bool has_gitignore = false;
    {
      while (true) {
        errno = 0;
        const dirent* d = ::readdir(dir.get());
        if (!d) {
          if (errno != 0) fail(reported, std::string("cannot read directory: ") + std::strerror(errno), named);
          break;
        }
        std::string_view name = d->d_name;
        if (name == "." || name == "..") continue;
        if (name == ".gitignore") has_gitignore = true;
        Entry e{std::string(name), fs::file_type::none, false, std::nullopt};
        if (d->d_type == DT_DIR) {
          e.type = fs::file_type::directory;
        } else if (d->d_type == DT_REG) {
          e.type = fs::file_type::regular;
          e.id = FileId{st.st_dev, d->d_ino};
        } else if (d->d_type == DT_LNK || d->d_type == DT_UNKNOWN) {
          struct stat target {};
          if (::fstatat(::dirfd(dir.get()), e.name.c_str(), &target, 0) == 0) {
            e.type = S_ISDIR(target.st_mode)   ? fs::file_type::directory
                     : S_ISREG(target.st_mode) ? fs::file_type::regular
                                               : fs::file_type::unknown;
            if (S_ISREG(target.st_mode)) e.id = FileId{target.st_dev, target.st_ino};
          } else {
            e.type = fs::file_type::not_found;
            e.symlink_loop = errno == ELOOP;
          }
        } else {
          e.type = fs::file_type::unknown;  // a FIFO, socket or device
        }
        entries.push_back(std::move(e));
      }
    }
    // In the order of the paths they lead to (a folder's as its name and '/'): the walk then gives its
    // files sorted as strings, and the list is not sorted again.
    auto key = [](const Entry& e) { return std::pair<std::string_view, bool>(e.name, e.type == fs::file_type::directory); };
    std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      const auto [an, a_dir] = key(a);
      const auto [bn, b_dir] = key(b);
      const auto common = std::min(an.size(), bn.size());
      if (int c = an.substr(0, common).compare(bn.substr(0, common)); c != 0) return c < 0;
      // One name starts the other: the next byte decides ('/' after a folder's name, none after a file's).
      auto next = [&](std::string_view n, bool dir) { return n.size() > common ? static_cast<unsigned char>(n[common]) : dir ? '/' : -1; };
      return next(an, a_dir) < next(bn, b_dir);
    });
    if (depth >= kMaxHeldDepth) dir.reset();  // the subdirectories are opened by their whole path

    const bool pushed = options_.gitignore && has_gitignore && read_gitignore(abs, reported, &stack);
    for (const auto& [name, type, symlink_loop, id] : entries) {
      const std::string child_abs = join(abs, name);
      const std::string child = join(reported, name);
      if (type == fs::file_type::directory) {
        if (std::find(std::begin(kSkippedDirectories), std::end(kSkippedDirectories), name) !=
            std::end(kSkippedDirectories))
          continue;
        if (excluded(child, true) || gitignored(stack, child_abs, true)) continue;
        if (dir) walk(::dirfd(dir.get()), name.c_str(), child_abs, child, stack, false, depth + 1);
        else walk(AT_FDCWD, child_abs.c_str(), child_abs, child, stack, false, depth + 1);
      } else if (ends_with(name, ".py")) {
        if (excluded(child, false) || gitignored(stack, child_abs, false)) continue;
        if (symlink_loop) {
          fail(child, "symlink loop (too many levels of symbolic links)", false);
        } else if (type == fs::file_type::not_found) {
          fail(child, "broken symbolic link", false);
        } else if (type == fs::file_type::regular) {
          add_file(child_abs, child, id);
        }  // sockets, FIFOs and devices named *.py are not source files: skipped
      }
    }
    if (pushed) stack.pop_back();
  }

  const DiscoverOptions& options_;
  Discovery* out_;
  std::vector<IgnoreRule> exclude_;
  std::set<FileId> visited_;         // directories
  std::vector<FileId> file_ids_;     // each file's, in the order they were reached; kNoId: not known
};

}  // namespace

Discovery discover(std::span<const std::string> paths, const DiscoverOptions& options) {
  Discovery out;
  Walker walker(options, &out);
  for (const auto& path : paths) walker.named(path);
  walker.finish();
  out.files.sort_unique();
  std::sort(out.errors.begin(), out.errors.end());
  out.errors.erase(std::unique(out.errors.begin(), out.errors.end()), out.errors.end());
  return out;
}

LoadedSources read_sources(const PathList& files, unsigned threads) {
  std::vector<ReadResult> results(files.size());
  Workers workers(threads, files.size());
  workers.for_each(files.size(), [&](std::size_t i, ts::Parser&) { results[i] = read_source(files[i]); });
  LoadedSources out;
  for (auto& r : results) {
    if (r.source) out.sources.push_back(std::move(*r.source));
    if (r.error) out.errors.push_back(std::move(*r.error));
  }
  std::sort(out.errors.begin(), out.errors.end());
  return out;
}

}  // namespace boundaudit::loops
