#!/usr/bin/env python3
"""Independent inventory of loopaudit's three site categories, using Python's own `ast` module.

    python3 ast_count.py ROOT [--json]

Lists, for every `*.py` file under ROOT (skipping the directories loopaudit skips, symlinked files, and what the root .gitignore ignores), with paths
relative to ROOT:

  while   PATH:LINE                 every `while` statement
  fanout  PATH:LINE:CALLEE          asyncio.gather / asyncio.wait / asyncio.as_completed anywhere;
                                    inside a loop or comprehension (same function): asyncio.create_task,
                                    asyncio.ensure_future, any `X.create_task` (event loop, TaskGroup),
                                    any `X.start_soon` (trio/anyio nursery), any `X.submit(fn, ...)`,
                                    and `X.map(fn, it)` when X is bound in the file to a
                                    ThreadPoolExecutor/ProcessPoolExecutor(...) call
  spawn   PATH:LINE:CALLEE          subprocess.run/call/check_call/check_output/Popen/getoutput/
                                    getstatusoutput, asyncio.create_subprocess_exec/shell,
                                    os.system/popen/spawn*/exec*/fork/forkpty/posix_spawn*, pty.spawn,
                                    pty.fork, multiprocessing.Process/Pool (and multiprocessing.pool.Pool),
                                    concurrent.futures.ProcessPoolExecutor

These are the README's definitions (loopaudit section and the LA201/LA301 docs). Callees are resolved
through import aliases (`import asyncio as aio`, `from subprocess import run as r`,
`from concurrent import futures`); imports anywhere in the file count (flow-insensitive).

Each record also carries facts used to pick sites worth a soundness look: `in_loop`, `function`,
`async` (the enclosing function is `async def`), and for while loops `while_true` (constant true
test) and `sleeps` (the body, outside nested functions, calls something named `sleep`).

With --json prints one JSON list; otherwise one tab-separated line per site.
"""
import argparse
import ast
import fnmatch
import json
import os
import sys

SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "build", "dist", "site-packages"}

FANOUT_ANYWHERE = {"asyncio.gather", "asyncio.wait", "asyncio.as_completed"}
FANOUT_IN_LOOP_RESOLVED = {"asyncio.create_task", "asyncio.ensure_future"}
EXECUTOR_CTORS = {
    "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.thread.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor",
}
SPAWN_EXACT = {
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "subprocess.Popen", "subprocess.getoutput", "subprocess.getstatusoutput",
    "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
    "os.system", "os.popen", "os.fork", "os.forkpty",
    "pty.spawn", "pty.fork",
    "multiprocessing.Process", "multiprocessing.Pool", "multiprocessing.pool.Pool",
    "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor",
}


def is_spawn(resolved):
    if resolved in SPAWN_EXACT:
        return True
    if resolved.startswith("os."):
        tail = resolved[3:]
        if "." in tail:
            return False
        if tail.startswith("posix_spawn") or tail.startswith("spawn"):
            return True
        if tail.startswith("exec") and len(tail) > 4 and set(tail[4:]) <= set("lvpe"):
            return True
    return False


def dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def last_attr(func):
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def collect_aliases(tree):
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    aliases.setdefault(a.asname, []).append(a.name)
                else:
                    top = a.name.split(".")[0]
                    aliases.setdefault(top, []).append(top)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                if a.name == "*":
                    continue
                aliases.setdefault(a.asname or a.name, []).append(node.module + "." + a.name)
    return aliases


def resolve_all(name, aliases):
    """Every dotted name `name` can mean: a name imported in several places (an `if`/`else` or
    `try`/`except ImportError` pair) has one reading per import."""
    if name is None:
        return [None]
    head, _, rest = name.partition(".")
    if head in aliases:
        return [base + ("." + rest if rest else "") for base in dict.fromkeys(aliases[head])]
    return [name]


def resolve(name, aliases, want=lambda r: True):
    """The first reading of `name` that satisfies `want`, else the first reading."""
    readings = resolve_all(name, aliases)
    for r in readings:
        if r is not None and want(r):
            return r
    return readings[0]


def is_const_true(test):
    return isinstance(test, ast.Constant) and bool(test.value)


class Walker:
    def __init__(self, path, tree):
        self.path = path
        self.aliases = collect_aliases(tree)
        self.executors = self._executor_names(tree)
        self.out = []
        self.tree = tree

    def _executor_names(self, tree):
        names = set()
        for node in ast.walk(tree):
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(t, node.value) for t in node.targets]
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                pairs = [(node.target, node.value)]
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                pairs = [(i.optional_vars, i.context_expr) for i in node.items if i.optional_vars is not None]
            for target, value in pairs:
                if isinstance(value, ast.Call) and resolve(dotted(value.func), self.aliases, lambda r: r in EXECUTOR_CTORS) in EXECUTOR_CTORS:
                    d = dotted(target)
                    if d:
                        names.add(d)
        return names

    def run(self):
        self.visit_body(self.tree, fn="<module>", is_async=False, in_loop=False)
        return self.out

    def emit(self, category, node, callee, fn, is_async, in_loop, **extra):
        rec = {"category": category, "path": self.path, "line": node.lineno, "callee": callee,
               "function": fn, "async": is_async, "in_loop": in_loop}
        rec.update(extra)
        self.out.append(rec)

    def visit_body(self, node, fn, is_async, in_loop):
        for child in ast.iter_child_nodes(node):
            self.visit(child, fn, is_async, in_loop)

    def visit(self, node, fn, is_async, in_loop):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in node.decorator_list:
                self.visit(d, fn, is_async, in_loop)
            for d in node.args.defaults + [x for x in node.args.kw_defaults if x is not None]:
                self.visit(d, fn, is_async, in_loop)
            for stmt in node.body:
                self.visit(stmt, node.name, isinstance(node, ast.AsyncFunctionDef), False)
            return
        if isinstance(node, ast.Lambda):
            self.visit(node.body, fn, False, False)
            return
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                self.visit(stmt, fn, False, False)
            return
        if isinstance(node, ast.While):
            self.emit("while", node, None, fn, is_async, in_loop,
                      while_true=is_const_true(node.test), sleeps=self._sleeps(node.body))
            self.visit(node.test, fn, is_async, True)
            for stmt in node.body:
                self.visit(stmt, fn, is_async, True)
            for stmt in node.orelse:
                self.visit(stmt, fn, is_async, in_loop)
            return
        if isinstance(node, (ast.For, ast.AsyncFor)):
            self.visit(node.iter, fn, is_async, in_loop)
            self.visit(node.target, fn, is_async, True)
            for stmt in node.body:
                self.visit(stmt, fn, is_async, True)
            for stmt in node.orelse:
                self.visit(stmt, fn, is_async, in_loop)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            gens = node.generators
            self.visit(gens[0].iter, fn, is_async, in_loop)
            for i, g in enumerate(gens):
                if i > 0:
                    self.visit(g.iter, fn, is_async, True)
                for cond in g.ifs:
                    self.visit(cond, fn, is_async, True)
            if isinstance(node, ast.DictComp):
                self.visit(node.key, fn, is_async, True)
                self.visit(node.value, fn, is_async, True)
            else:
                self.visit(node.elt, fn, is_async, True)
            return
        if isinstance(node, ast.Call):
            self.classify(node, fn, is_async, in_loop)
        self.visit_body(node, fn, is_async, in_loop)

    def _sleeps(self, body):
        stack = list(body)
        while stack:
            n = stack.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(n, ast.Call) and last_attr(n.func) == "sleep":
                return True
            stack.extend(ast.iter_child_nodes(n))
        return False

    def classify(self, call, fn, is_async, in_loop):
        written = dotted(call.func)
        resolved = resolve(written, self.aliases,
                           lambda r: r in FANOUT_ANYWHERE or is_spawn(r) or r in FANOUT_IN_LOOP_RESOLVED)
        callee = written or last_attr(call.func) or "?"
        if resolved in FANOUT_ANYWHERE:
            self.emit("fanout", call, resolved, fn, is_async, in_loop)
            return
        if resolved and is_spawn(resolved):
            self.emit("spawn", call, resolved, fn, is_async, in_loop)
            return
        if not in_loop:
            return
        if resolved in FANOUT_IN_LOOP_RESOLVED:
            self.emit("fanout", call, resolved, fn, is_async, in_loop)
            return
        if isinstance(call.func, ast.Attribute):
            attr = call.func.attr
            recv = dotted(call.func.value)
            if attr in ("create_task", "start_soon") and call.args:
                self.emit("fanout", call, callee, fn, is_async, in_loop)
            elif attr == "submit" and call.args:
                self.emit("fanout", call, callee, fn, is_async, in_loop)
            elif attr == "map" and len(call.args) >= 2 and recv in self.executors:
                self.emit("fanout", call, callee, fn, is_async, in_loop)


def load_gitignore(root):
    pats = []
    try:
        with open(os.path.join(root, ".gitignore"), encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and not line.startswith("!"):
                    pats.append(line)
    except OSError:
        pass
    return pats


def ignored(rel, is_dir, pats):
    name = os.path.basename(rel)
    for p in pats:
        dir_only = p.endswith("/")
        q = p.rstrip("/")
        if dir_only and not is_dir:
            continue
        anchored = q.startswith("/") or "/" in q
        q = q.lstrip("/")
        if anchored:
            if fnmatch.fnmatch(rel, q):
                return True
        elif fnmatch.fnmatch(name, q):
            return True
    return False


def discover(root):
    pats = load_gitignore(root)
    for dirpath, dirnames, filenames in os.walk(root):
        reldir = os.path.relpath(dirpath, root)
        reldir = "" if reldir == "." else reldir
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS
                             and not ignored(os.path.join(reldir, d), True, pats))
        for fn in sorted(filenames):
            rel = os.path.join(reldir, fn)
            # loopaudit does not follow symlinked files (websockets' example/tutorial/*/connect4.py).
            if fn.endswith(".py") and not ignored(rel, False, pats) \
                    and not os.path.islink(os.path.join(dirpath, fn)):
                yield rel


def count(root):
    records, errors = [], []
    for rel in discover(root):
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read()
        try:
            tree = ast.parse(data, filename=rel)
        except (SyntaxError, ValueError) as e:
            errors.append({"path": rel, "message": str(e)})
            continue
        records.extend(Walker(rel, tree).run())
    return records, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    records, errors = count(args.root)
    if args.json:
        json.dump({"sites": records, "errors": errors}, sys.stdout, indent=1)
        print()
        return
    for r in records:
        loc = f"{r['path']}:{r['line']}" + (f":{r['callee']}" if r["callee"] else "")
        print(f"{r['category']}\t{loc}")
    for e in errors:
        print(f"error\t{e['path']}\t{e['message']}", file=sys.stderr)


if __name__ == "__main__":
    main()
