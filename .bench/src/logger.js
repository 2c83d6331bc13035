/** A logger that prints nothing (tests, library use). */
export const silentLogger = {
    info() { },
    warn() { },
    group: (_name, fn) => fn(),
};
