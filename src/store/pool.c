#include "store/pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lib/log.h"

static char *pool_url;
static int pool_busy_ms;
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static db *pool_conns[STORE_POOL_MAX];
static int pool_n;
static _Thread_local db *thread_conn;

int store_pool_init(const char *url, int busy_ms)
{
	free(pool_url);
	pool_url = strdup(url);
	pool_busy_ms = busy_ms;
	return pool_url ? 0 : -1;
}

db *store_pool_get(int *rc)
{
	if (thread_conn)
		return thread_conn;
	char err[256];
	db *d;
	*rc = db_open(pool_url, pool_busy_ms, &d, err, sizeof err);
	if (*rc != DB_OK) {
		log_msg("error", "database connection failed: %s", err);
		if (*rc == DB_ERR)
			*rc = DB_BUSY;
		return NULL;
	}
	pthread_mutex_lock(&pool_lock);
	if (pool_n == STORE_POOL_MAX) {
		pthread_mutex_unlock(&pool_lock);
		db_close(d);
		*rc = DB_BUSY;
		return NULL;
	}
	pool_conns[pool_n++] = d;
	pthread_mutex_unlock(&pool_lock);
	thread_conn = d;
	return d;
}

void store_pool_close_all(void)
{
	pthread_mutex_lock(&pool_lock);
	for (int i = 0; i < pool_n; i++)
		db_close(pool_conns[i]);
	pool_n = 0;
	pthread_mutex_unlock(&pool_lock);
	thread_conn = NULL; /* closed above, if this thread had one */
	free(pool_url);
	pool_url = NULL;
}
