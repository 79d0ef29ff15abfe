// Placeholder until the composelint issue lands its CLI.
#include <cstdio>
int main() { std::fputs("composelint: not built yet\n", stderr); return 2; }
