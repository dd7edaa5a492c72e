// The system's zlib (zlib1g-dev), for reading gzip-compressed logs.
#include <zlib.h>
