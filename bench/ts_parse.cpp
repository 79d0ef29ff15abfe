// The floor under loopaudit's time: read every *.py file under the given paths and parse it with
// tree-sitter-python, nothing else. Built by bench/loop_bench.sh against the build tree's
// boundaudit_tree_sitter library.  Usage: ts_parse [-j N] PATH...
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <tree_sitter/api.h>

extern "C" const TSLanguage* tree_sitter_python();

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  unsigned threads = 1;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-j" && i + 1 < argc) {
      threads = static_cast<unsigned>(std::max(1, std::atoi(argv[++i])));
    } else if (fs::is_directory(arg)) {
      for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied);
           it != fs::recursive_directory_iterator(); ++it)
        if (it->is_regular_file() && it->path().extension() == ".py") files.push_back(it->path());
    } else {
      files.emplace_back(arg);
    }
  }
  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0}, bytes{0}, with_errors{0};
  auto work = [&] {
    TSParser* parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
    for (std::size_t i; (i = next++) < files.size();) {
      std::ifstream in(files[i], std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string text = ss.str();
      bytes += text.size();
      TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
      if (tree && ts_node_has_error(ts_tree_root_node(tree))) ++with_errors;
      ts_tree_delete(tree);
    }
    ts_parser_delete(parser);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"files\": %zu, \"bytes\": %zu, \"files_with_errors\": %zu, \"seconds\": %.4f, \"threads\": %u}\n",
              files.size(), bytes.load(), with_errors.load(), seconds, threads);
  return 0;
}
