// crash.cpp -- a C++ app that traps in a template's const method, some calls
// deep: its backtrace must show C++ names readable.
#include <cstdio>
#include <vector>

namespace app
{
template <typename T> struct Shape {
    T side;
    // Two methods calling each other: no loop can replace the recursion.
    __attribute__((noinline)) T area(int depth) const
    {
        if (depth == 0)
            __builtin_trap();
        return side * scaled(depth - 1);
    }
    __attribute__((noinline)) T scaled(int depth) const
    {
        return area(depth) * 2 + side;
    }
};
} // namespace app

int main()
{
    std::vector<app::Shape<double>> shapes{{1.5}, {2.5}};
    std::printf("about to trap\n");
    return static_cast<int>(shapes[1].area(3));
}
