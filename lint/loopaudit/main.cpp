// Placeholder until the loopaudit issue lands its CLI.
#include <cstdio>
int main() { std::fputs("loopaudit: not built yet\n", stderr); return 2; }
