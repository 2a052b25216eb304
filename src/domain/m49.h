/* The United Nations' geographic regions (M49) a country lies in, by its
 * ISO 3166-1 alpha-2 code: a sub-region such as "Southern Europe" within a
 * region such as "Europe". Exports generalise a country to these when a
 * country would single someone out. */
#ifndef WAYMARK_DOMAIN_M49_H
#define WAYMARK_DOMAIN_M49_H

/* The sub-region ("Sub-Saharan Africa", "Latin America and the
 * Caribbean"), or NULL for a code M49 gives none (Antarctica, or not a
 * country). Static strings. */
const char *m49_subregion(const char *alpha2);
/* The region (Africa, Americas, Asia, Europe or Oceania), or NULL. */
const char *m49_region(const char *alpha2);

/* Their M49 numeric codes (Northern Europe 154, Europe 150), or 0. */
int m49_subregion_code(const char *alpha2);
int m49_region_code(const char *alpha2);

#endif
