// The parts of edgeplan's process control that must be C: a signal handler that only does
// async-signal-safe work, prctl (variadic, so Swift cannot call it), and posix_spawn with the
// attributes edgeplan's workers need.
#ifndef EDGEPLAN_CPROCESSCONTROL_H
#define EDGEPLAN_CPROCESSCONTROL_H

#include <sys/types.h>

/// Registers a file to remove if edgeplan is stopped by a signal (a temporary output being
/// written). Returns the slot to pass to `edgeplan_untrack_path`, or -1 when the path is too long
/// or every slot is taken (the file is then simply not removed on a signal).
int edgeplan_track_path(const char *path);

/// Forgets a path registered by `edgeplan_track_path` (once it was renamed or removed).
void edgeplan_untrack_path(int slot);

/// Registers a child process to stop (SIGTERM) if edgeplan is stopped by a signal. Returns the
/// slot for `edgeplan_wait_child`, or -1 when every slot is taken.
int edgeplan_track_child(pid_t pid);

/// Installs the stop handler for each of `signals` whose action is not "ignore" (a shell's `nohup`
/// or `&` asks for that, and it is kept): the handler removes the tracked files, sends SIGTERM to
/// the tracked children, then raises the signal again with its default action, so the process
/// ends killed by it (no core file for SIGQUIT). Returns 0, or -1 with errno.
int edgeplan_install_stop_handlers(const int *signals, int count);

/// Does what the stop handler does, then exits with `status` (without running atexit handlers
/// or flushing stdio: other threads may be in the middle of anything).
void edgeplan_stop_now(int status) __attribute__((noreturn));

/// Does what the stop handler does, then ends the process by `signal` with its default action.
void edgeplan_stop_by_signal(int signal) __attribute__((noreturn));

/// Asks the kernel to send `signal` to this process when its parent dies (Linux); returns 0, or
/// -1 with errno (ENOSYS elsewhere).
int edgeplan_set_parent_death_signal(int signal);

/// A pipe whose two ends are closed on exec, created atomically (no other thread's spawn can
/// inherit them in between). Returns 0, or -1 with errno.
int edgeplan_pipe(int descriptors[2]);

/// Starts `path` with `argv` and `envp`, standard input, output and error on the given
/// descriptors (-1: /dev/null), every other descriptor closed, no signal blocked (the calling
/// thread may block many; the child would inherit them), in edgeplan's process group. Returns 0 or
/// an errno value.
int edgeplan_spawn(
    pid_t *pid, const char *path, char *const argv[], char *const envp[], int input, int output, int error);

/// Waits for a child to end, forgets its slot (from `edgeplan_track_child`, or -1) while it is
/// still a zombie, so the stop handler can never signal a recycled process id, then reaps it.
/// Returns the wait status, or -1 with errno.
int edgeplan_wait_child(pid_t pid, int slot);

#endif
