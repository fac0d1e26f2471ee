// greet.cpp -- a C++ app built with the installed SDK.
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char **)
{
    const char *greeting = std::getenv("GREETING");
    std::string text = std::string(greeting ? greeting : "hi") + " from a C++ app";
    std::printf("%s, %d argument(s)\n", text.c_str(), argc - 1);
    return 3;
}
