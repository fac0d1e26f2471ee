/*
 * blinky-cpp -- blinky (examples/blinky) in C++: the same arguments, the same
 * console output and the same LED trace, written with classes, RAII,
 * templates, lambdas and the standard library (libc++ for wasm32-wasi).
 *
 *   blinky-cpp [period_ms [toggles]]     defaults: 500 ms, 10 toggles (0: forever)
 *   env LED=<pin>                        default 0
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <mote/device.h>

namespace app
{

/* An LED on a GPIO pin; a board without one blinks on the console only. */
class Led
{
  public:
    explicit Led(uint32_t pin) : pin_(pin)
    {
        int32_t r = mote_gpio_configure(pin, MOTE_GPIO_OUTPUT);
        if (r < 0)
            std::printf("blinky: no LED on pin %u (%s): console only\n", pin, std::strerror(-r));
    }
    Led(const Led &) = delete;
    Led &operator=(const Led &) = delete;

    bool toggle()
    {
        on_ = !on_;
        mote_gpio_write(pin_, on_);
        return on_;
    }
    uint32_t pin() const
    {
        return pin_;
    }

  private:
    uint32_t pin_;
    bool on_ = false;
};

/* A periodic timer, stopped when it goes out of scope. */
class Ticker
{
  public:
    Ticker(uint32_t id, uint64_t period_us) : id_(id)
    {
        ok_ = mote_timer_start(id, period_us, period_us) >= 0;
    }
    ~Ticker()
    {
        mote_timer_stop(id_);
    }
    explicit operator bool() const
    {
        return ok_;
    }

    /* Calls on_tick(n) for each tick until it returns false. */
    template <typename F> void run(F on_tick)
    {
        for (long n = 1;;) {
            mote_event ev;
            if (mote_event_wait(&ev, -1) != 1 || ev.kind != MOTE_EVENT_TIMER || ev.source != id_)
                continue;
            if (!on_tick(n++))
                return;
        }
    }

  private:
    uint32_t id_;
    bool ok_;
};

template <typename T> T arg(const std::vector<std::string> &args, size_t i, T fallback)
{
    return args.size() > i ? static_cast<T>(std::strtol(args[i].c_str(), nullptr, 10)) : fallback;
}

} // namespace app

int main(int argc, char **argv)
{
    const std::vector<std::string> args(argv, argv + argc);
    const long period_ms = app::arg(args, 1, 500L);
    const long toggles = app::arg(args, 2, 10L);
    const char *led_env = std::getenv("LED");

    app::Led led(led_env ? static_cast<uint32_t>(std::atoi(led_env)) : 0);
    app::Ticker ticker(0, static_cast<uint64_t>(period_ms) * 1000);
    if (!ticker) {
        std::printf("blinky: cannot start a timer\n");
        return 1;
    }
    std::printf("blinky: pin %u every %ld ms\n", led.pin(), period_ms);
    ticker.run([&](long n) {
        std::printf("blink %ld: LED %s\n", n, led.toggle() ? "on" : "off");
        return toggles == 0 || n < toggles;
    });
    return 0;
}
