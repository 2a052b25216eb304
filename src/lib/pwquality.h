/* Weak passwords by Debian's libpwquality and the cracklib dictionary
 * (package cracklib-runtime): dictionary words and words with digits or
 * symbols added, keyboard runs, sequences like 12345, repeated characters,
 * palindromes, the username inside the password. Reads the dictionary files,
 * so it is no domain rule: src/domain keeps the length rules. */
#ifndef WAYMARK_LIB_PWQUALITY_H
#define WAYMARK_LIB_PWQUALITY_H

#include <stddef.h>

/* Whether the dictionary finds password weak for the account named username
 * (may be NULL). Returns 0 when not; 1 when weak, with why (size n) saying
 * why as a phrase that follows "the password", such as "is too easy to
 * guess: ..."; -1 when memory ran out. Thread-safe. */
int pwq_weak(const char *password, const char *username, char *why, size_t n);

/* Whether the dictionary can be read: 0, or -1 with why saying what is
 * missing and how to fix it. For a server to check once at start. */
int pwq_ready(char *why, size_t n);

#endif
