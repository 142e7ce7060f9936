// The CLI's exit codes (DESIGN §6). 3 is ours: the engine or loader threw, which is a bug in
// podpath, never a verdict about the user's scenario.
export const EXIT_OK = 0;
export const EXIT_EXPECTATION_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 3;
