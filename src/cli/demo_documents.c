/* The demo's documents: on the Exploitation and Missing Team's latest case,
 * the victim's signed NRM consent form (a one-page PDF) and a photograph
 * for a missing-person profile (a PNG of a head-and-shoulders outline),
 * both made here, byte for byte the same on every run, and kept as an
 * upload keeps them: encrypted in the documents folder, with their rows. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/demo.h"
#include "lib/secure.h"
#include "store/blobs.h"
#include "store/documents.h"

/* ---- a one-page PDF ---- */

/* Appends text to out (at *n, capacity cap): 0, or -1 when it is full. */
static int put(char *out, size_t cap, size_t *n, const char *text)
{
	size_t len = strlen(text);
	if (*n + len >= cap)
		return -1;
	memcpy(out + *n, text, len);
	*n += len;
	out[*n] = '\0';
	return 0;
}

/* A PDF of one A4 page with the lines of text, with its cross-reference
 * table: its length in out, or 0 when it does not fit. */
static size_t pdf_make(char *out, size_t cap, const char *const *lines, size_t nlines)
{
	char stream[1024] = "BT /F1 14 Tf 72 770 Td 18 TL\n";
	size_t sn = strlen(stream);
	for (size_t i = 0; i < nlines; i++) {
		char line[160];
		snprintf(line, sizeof line, "(%s) '\n", lines[i]);
		if (put(stream, sizeof stream, &sn, line) != 0)
			return 0;
	}
	if (put(stream, sizeof stream, &sn, "ET\n") != 0)
		return 0;
	char objs[5][1200];
	snprintf(objs[0], sizeof objs[0], "<< /Type /Catalog /Pages 2 0 R >>");
	snprintf(objs[1], sizeof objs[1], "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
	snprintf(objs[2], sizeof objs[2],
	         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
	         "<< /F1 5 0 R >> >> /Contents 4 0 R >>");
	snprintf(objs[3], sizeof objs[3], "<< /Length %zu >>\nstream\n%sendstream", sn, stream);
	snprintf(objs[4], sizeof objs[4], "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
	size_t n = 0, offsets[5];
	if (put(out, cap, &n, "%PDF-1.4\n") != 0)
		return 0;
	for (int i = 0; i < 5; i++) {
		char head[32];
		offsets[i] = n;
		snprintf(head, sizeof head, "%d 0 obj\n", i + 1);
		if (put(out, cap, &n, head) != 0 || put(out, cap, &n, objs[i]) != 0 ||
		    put(out, cap, &n, "\nendobj\n") != 0)
			return 0;
	}
	size_t xref = n;
	if (put(out, cap, &n, "xref\n0 6\n0000000000 65535 f \n") != 0)
		return 0;
	for (int i = 0; i < 5; i++) {
		char entry[32];
		snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[i]);
		if (put(out, cap, &n, entry) != 0)
			return 0;
	}
	char tail[96];
	snprintf(tail, sizeof tail, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
	         xref);
	return put(out, cap, &n, tail) == 0 ? n : 0;
}

/* ---- a small PNG ---- */

#define PHOTO_W 96
#define PHOTO_H 96
#define PHOTO_RAW (PHOTO_H * (1 + 3 * PHOTO_W))

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Appends a PNG chunk of the type with its data: the new length. */
static size_t png_chunk(unsigned char *out, size_t n, const char *type, const unsigned char *data,
                        size_t len)
{
	be32(out + n, (uint32_t)len);
	memcpy(out + n + 4, type, 4);
	if (len)
		memcpy(out + n + 8, data, len);
	be32(out + n + 8 + len, crc32_of(out + n + 4, len + 4));
	return n + 12 + len;
}

/* Whether the pixel is inside the outline of a head and shoulders. */
static int in_figure(int x, int y)
{
	int hx = x - PHOTO_W / 2, hy = y - 36;
	if (hx * hx + hy * hy <= 17 * 17)
		return 1;
	int sx = x - PHOTO_W / 2, sy = y - PHOTO_H;
	return y > 58 && sx * sx * 900 + sy * sy * 1225 <= 900 * 1225;
}

/* The photograph: a 96 by 96 RGB PNG whose image data is one stored
 * (uncompressed) deflate block. Its length in out (which holds at least
 * PHOTO_RAW + 128 bytes). */
static size_t png_make(unsigned char *out)
{
	static unsigned char raw[PHOTO_RAW];
	size_t r = 0;
	for (int y = 0; y < PHOTO_H; y++) {
		raw[r++] = 0; /* no filter */
		for (int x = 0; x < PHOTO_W; x++) {
			int f = in_figure(x, y);
			raw[r++] = f ? 0x50 : 0xde;
			raw[r++] = f ? 0x5a : 0xe0;
			raw[r++] = f ? 0x5f : 0xe2;
		}
	}
	static unsigned char z[PHOTO_RAW + 16];
	size_t zn = 0;
	z[zn++] = 0x78; /* deflate, 32K window */
	z[zn++] = 0x01;
	z[zn++] = 0x01; /* the final block, stored */
	z[zn++] = (unsigned char)(PHOTO_RAW & 0xff);
	z[zn++] = (unsigned char)(PHOTO_RAW >> 8);
	z[zn++] = (unsigned char)(~PHOTO_RAW & 0xff);
	z[zn++] = (unsigned char)((~PHOTO_RAW >> 8) & 0xff);
	memcpy(z + zn, raw, PHOTO_RAW);
	zn += PHOTO_RAW;
	uint32_t a = 1, b = 0; /* Adler-32 of the raw data */
	for (size_t i = 0; i < PHOTO_RAW; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	be32(z + zn, (b << 16) | a);
	zn += 4;
	static const unsigned char sig[8] = {137, 80, 78, 71, 13, 10, 26, 10};
	memcpy(out, sig, sizeof sig);
	unsigned char ihdr[13] = {0};
	be32(ihdr, PHOTO_W);
	be32(ihdr + 4, PHOTO_H);
	ihdr[8] = 8; /* bits a sample */
	ihdr[9] = 2; /* RGB */
	size_t n = png_chunk(out, sizeof sig, "IHDR", ihdr, sizeof ihdr);
	n = png_chunk(out, n, "IDAT", z, zn);
	return png_chunk(out, n, "IEND", NULL, 0);
}

/* ---- keeping them ---- */

/* Keeps the bytes in the store and their row: DB_OK, or the error. */
static int keep(db *d, blob_store *bs, document_rec *doc, const void *bytes, size_t len)
{
	secure_sha256_hex(bytes, len, doc->sha256);
	int fd = blobs_spool(bs);
	if (fd < 0)
		return DB_IO;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, (const char *)bytes + done, len - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	char err[256];
	int ok = done == len && blobs_put(bs, fd, len, doc->sha256, err, sizeof err) == 0;
	close(fd);
	if (!ok) {
		fprintf(stderr, "waymark demo: a document could not be kept\n");
		return DB_IO;
	}
	doc->size = (int64_t)len;
	return store_document_add(d, doc);
}

int demo_documents(db *d, const demo_cast *cast, const char *dir, const seal_key *key)
{
	char case_id[SECURE_ID_LEN] = "", person_id[SECURE_ID_LEN] = "";
	int rc = demo_team_case(d, cast->teams[0], 0, case_id);
	if (rc == DB_DONE)
		return DB_OK;
	if (rc != DB_ROW)
		return rc;
	const char *p[] = {case_id};
	rc = db_get_text(d,
	                 "SELECT person_id FROM case_people WHERE case_id = $1 AND role = "
	                 "'potential_victim' ORDER BY created_at, id LIMIT 1",
	                 1, p, person_id, sizeof person_id);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	char err[256];
	blob_store *bs = dir ? blobs_open(dir, key, err, sizeof err) : NULL;
	if (!bs) {
		fprintf(stderr, "waymark demo: no documents kept: %s\n",
		        dir ? err : "no documents folder for this database");
		return DB_OK;
	}
	const char *by = cast->officers[0][0][0] ? cast->officers[0][0] : cast->author_id;
	static const char *const consent[] = {
	    "National Referral Mechanism: consent to referral",
	    "I agree to be referred to the National Referral Mechanism.",
	    "The referral and what it may mean were explained to me",
	    "in my own language, with an interpreter.",
	    "Signed: (signature)          Date: (date)",
	    "Synthetic demonstration document: not a real person.",
	};
	static char pdf[4096];
	size_t pdf_len = pdf_make(pdf, sizeof pdf, consent, sizeof consent / sizeof consent[0]);
	static unsigned char png[PHOTO_RAW + 128];
	size_t png_len = png_make(png);
	document_rec form = {.kind = "consent_form",
	                     .title = "Signed NRM consent form",
	                     .filename = "nrm-consent-form.pdf",
	                     .media_type = "application/pdf"};
	document_rec photo = {.kind = "photograph",
	                      .title = "Photograph for the missing-person profile",
	                      .filename = "profile-photograph.png",
	                      .media_type = "image/png"};
	document_rec *docs[] = {&form, &photo};
	for (size_t i = 0; i < 2; i++) {
		memcpy(docs[i]->case_id, case_id, SECURE_ID_LEN);
		memcpy(docs[i]->person_id, person_id, SECURE_ID_LEN);
		snprintf(docs[i]->created_by, sizeof docs[i]->created_by, "%s", by);
	}
	rc = pdf_len ? keep(d, bs, &form, pdf, pdf_len) : DB_IO;
	if (rc == DB_OK)
		rc = keep(d, bs, &photo, png, png_len);
	blobs_close(bs);
	return rc;
}
