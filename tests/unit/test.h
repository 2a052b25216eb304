/* cmocka and the headers every unit test needs. */
#ifndef WAYMARK_TESTS_UNIT_TEST_H
#define WAYMARK_TESTS_UNIT_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#endif
