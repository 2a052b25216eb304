/* What a handler reads of its request. */
#include "http/request.h"

#include <string.h>

const char *http_req_method(const http_req *req)
{
	return req->method;
}

const char *http_req_path(const http_req *req)
{
	return req->path;
}

const char *http_req_param(const http_req *req, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < req->m.nparams; i++) {
		if (req->m.name_lens[i] == n && strncmp(req->m.names[i], name, n) == 0)
			return req->params[i];
	}
	return NULL;
}

int http_req_copy_params(http_req *req)
{
	for (int i = 0; i < req->m.nparams; i++) {
		req->params[i] = arena_strndup(req->arena, req->m.values[i], req->m.value_lens[i]);
		if (!req->params[i])
			return -1;
	}
	return 0;
}

const char *http_req_query(const http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_req_header(const http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_req_cookie(const http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *http_req_body(const http_req *req, size_t *len)
{
	*len = req->body_len;
	return req->body ? req->body : "";
}

const char *http_req_form(const http_req *req, const char *name)
{
	if (!req->is_upload)
		return NULL;
	for (int i = 0; i < req->up.nfields; i++)
		if (strcmp(req->up.fields[i].name, name) == 0)
			return req->up.fields[i].value ? req->up.fields[i].value : "";
	return NULL;
}

int http_req_file(const http_req *req, http_file *f)
{
	if (!req->is_upload || req->up.fd < 0)
		return -1;
	f->fd = req->up.fd;
	f->size = req->up.size;
	f->sha256 = req->up.sha256;
	f->filename = req->up.filename;
	return 0;
}

const char *http_req_remote(const http_req *req)
{
	return req->remote;
}

const char *http_req_id(const http_req *req)
{
	return req->request_id;
}

int http_req_is_tls(const http_req *req)
{
	return req->tls;
}

arena *http_req_arena(http_req *req)
{
	return req->arena;
}

void *http_req_data(const http_req *req)
{
	return req->data;
}

void http_req_set_data(http_req *req, void *data)
{
	req->data = data;
}

void http_req_set_user(http_req *req, const char *user_id)
{
	snprintf(req->user_id, sizeof req->user_id, "%s", user_id);
}

int http_replied(const http_req *req)
{
	return req->replied;
}
