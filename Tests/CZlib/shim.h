// zlib for the report tests, which inflate PNG screenshots (Debian: zlib1g-dev).
#include <zlib.h>
