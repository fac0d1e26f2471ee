/* The baseline of `make size`: the board's start-up code and C library
 * around an empty main().  Every other size firmware is measured as its
 * image minus this one. */
int main(void)
{
    return 0;
}
