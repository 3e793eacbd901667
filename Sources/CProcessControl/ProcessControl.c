#define _GNU_SOURCE
#include "CProcessControl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

// Paths live in static storage, never freed: the handler may read a slot while another thread
// forgets it, and must never see freed memory. A slot's state: free, being filled, armed, or taken
// by the handler (which never gives it back: the process is about to exit).
enum { PATH_SLOTS = 128, CHILD_SLOTS = 256 };
enum { SLOT_FREE = 0, SLOT_FILLING = 1, SLOT_ARMED = 2, SLOT_HANDLER = 3 };

static char paths[PATH_SLOTS][PATH_MAX];
static atomic_int path_states[PATH_SLOTS];
static atomic_int children[CHILD_SLOTS];

int edgeplan_track_path(const char *path) {
    size_t length = strlen(path);
    if (length >= PATH_MAX) return -1;
    for (int slot = 0; slot < PATH_SLOTS; slot++) {
        int expected = SLOT_FREE;
        if (atomic_compare_exchange_strong(&path_states[slot], &expected, SLOT_FILLING)) {
            memcpy(paths[slot], path, length + 1);
            atomic_store(&path_states[slot], SLOT_ARMED);
            return slot;
        }
    }
    return -1;
}

void edgeplan_untrack_path(int slot) {
    if (slot < 0 || slot >= PATH_SLOTS) return;
    int expected = SLOT_ARMED;
    // Fails only when the handler took the slot: it is removing the file and will exit.
    atomic_compare_exchange_strong(&path_states[slot], &expected, SLOT_FREE);
}

int edgeplan_track_child(pid_t pid) {
    if (pid <= 0) return -1;
    for (int slot = 0; slot < CHILD_SLOTS; slot++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&children[slot], &expected, (int)pid)) return slot;
    }
    return -1;
}

static void untrack_child(int slot) {
    if (slot < 0 || slot >= CHILD_SLOTS) return;
    atomic_store(&children[slot], 0);
}

// Only async-signal-safe calls: unlink and kill, on data prepared beforehand.
static void clean_up(void) {
    for (int slot = 0; slot < PATH_SLOTS; slot++) {
        int expected = SLOT_ARMED;
        if (atomic_compare_exchange_strong(&path_states[slot], &expected, SLOT_HANDLER)) unlink(paths[slot]);
    }
    for (int slot = 0; slot < CHILD_SLOTS; slot++) {
        int pid = atomic_load(&children[slot]);
        if (pid > 0) kill((pid_t)pid, SIGTERM);
    }
}

// Ends the process by `signal` itself, so whoever waits for edgeplan sees "killed by SIGTERM"
// (a shell's 143), not an exit that only looks like it: a shell loop stops on a child killed by
// SIGINT, and would go on after a plain exit(130). The signal is blocked here (inside its handler,
// or blocked on purpose), so it is raised, stays pending, and is delivered with the default action
// once unblocked.
__attribute__((noreturn)) static void die_by(int signal) {
    // SIGQUIT's default action dumps core; a clean stop leaves no core file (docs/reliability.md).
    if (signal == SIGQUIT) {
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, NULL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal);
    sigprocmask(SIG_BLOCK, &only, NULL);
    raise(signal);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    // Not reached unless the default action is to ignore (it is not for the stop signals).
    _exit(128 + signal);
}

static void stop_handler(int signal) {
    clean_up();
    die_by(signal);
}

int edgeplan_install_stop_handlers(const int *signals, int count) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = stop_handler;
    // While one stop signal is handled, the others wait: the first one decides the exit status.
    sigemptyset(&action.sa_mask);
    for (int index = 0; index < count; index++) sigaddset(&action.sa_mask, signals[index]);
    sigset_t unblock;
    sigemptyset(&unblock);
    for (int index = 0; index < count; index++) {
        struct sigaction previous;
        if (sigaction(signals[index], NULL, &previous) != 0) return -1;
        if (previous.sa_handler == SIG_IGN) continue;
        if (sigaction(signals[index], &action, NULL) != 0) return -1;
        sigaddset(&unblock, signals[index]);
    }
    // edgeplan may have been started from a thread that blocks these signals (its parent's worker
    // threads do); threads started from now on inherit this thread's mask.
    return pthread_sigmask(SIG_UNBLOCK, &unblock, NULL) == 0 ? 0 : -1;
}

void edgeplan_stop_now(int status) {
    clean_up();
    _exit(status);
}

void edgeplan_stop_by_signal(int signal) {
    clean_up();
    die_by(signal);
}

int edgeplan_set_parent_death_signal(int signal) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
#else
    (void)signal;
    errno = ENOSYS;
    return -1;
#endif
}

int edgeplan_pipe(int descriptors[2]) {
#ifdef __linux__
    return pipe2(descriptors, O_CLOEXEC);
#else
    // No pipe2: another thread's spawn may inherit the ends for a moment; the worker's own
    // closing of every descriptor above 2 keeps them out of edgeplan's workers.
    if (pipe(descriptors) != 0) return -1;
    fcntl(descriptors[0], F_SETFD, FD_CLOEXEC);
    fcntl(descriptors[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

int edgeplan_spawn(
    pid_t *pid, const char *path, char *const argv[], char *const envp[], int input, int output, int error) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    result = posix_spawnattr_init(&attributes);
    if (result != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    // edgeplan ignores SIGPIPE (EdgePlanMain); a worker starts with the default action, as any
    // program expects. Other ignored signals stay ignored (`nohup` meant them for the whole run).
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    const int sources[3] = {input, output, error};
    for (int target = 0; target < 3 && result == 0; target++) {
        result = sources[target] < 0
            ? posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            : posix_spawn_file_actions_adddup2(&actions, sources[target], target);
    }
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    // Descriptors other libraries opened without close-on-exec stay out of the worker.
    if (result == 0) result = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
    if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}

int edgeplan_wait_child(pid_t pid, int slot) {
#ifdef WNOWAIT
    siginfo_t info;
    while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) != 0) {
        if (errno != EINTR) break;
    }
#endif
    untrack_child(slot);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return status;
}
