-- The pubforge archive schema, version 3 (PRAGMA user_version = 3): normalised tables with the indexes the exporters filter on, plus an FTS5 index.
--
-- Conventions (docs/formats/archive.md explains every column):
--   * article rows are keyed by the record's "id"; figure rows by (article_id, figure_id);
--     rows of arrays carry `position`, the 0-based index in the record's array.
--   * a column holds a field only when the record has it with a non-null value of the
--     expected type; NULL means "absent". `extra` holds the JSON of the object's other fields
--     (explicit nulls, empty arrays, fields no column covers), so `archive get` rebuilds the record exactly.
--   * columns declared without a type hold numbers exactly as written (integer or real).
--   * columns named *_json / listed as JSON hold compact JSON text.
-- This file is embedded into the library at build time; migrations from older versions live in src/archive/archive.cpp.

CREATE TABLE provenance (
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,                -- load | merge
  started_at TEXT NOT NULL,             -- UTC, ISO 8601
  finished_at TEXT,                     -- NULL while running, or when the load was killed
  pubforge_version TEXT NOT NULL,
  options TEXT,                         -- JSON object of the options the command ran with
  input TEXT,                           -- the JSONL file as given ('-' = stdin), or a JSON array of merged archives
  input_sha256 TEXT,                    -- of the input file, NULL for stdin
  inserted INTEGER NOT NULL DEFAULT 0,  -- counts so far, updated with every committed batch
  updated INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  pmcid TEXT,
  pmid TEXT,
  doi TEXT,
  publisher_id TEXT,
  title TEXT,
  journal TEXT,
  publisher TEXT,
  year INTEGER,
  article_type TEXT,
  language TEXT,
  license_code TEXT,
  license_class TEXT,                   -- commercial | noncommercial | other
  license_url TEXT,
  license_text TEXT,
  abstract TEXT,
  words_abstract INTEGER,
  words_body INTEGER,
  words_captions INTEGER,
  pages INTEGER,
  source_kind TEXT,                     -- jats | pmc-oa | pdf
  source_path TEXT,
  source_member TEXT,
  source_sha256 TEXT,
  source_bytes INTEGER,
  stages TEXT,                          -- JSON: stage -> pubforge version
  provenance_id INTEGER,                -- the provenance row of the load that wrote this version
  search_first INTEGER,                 -- rowid range of this article's rows in `search`
  search_last INTEGER,
  extra TEXT
);
CREATE INDEX articles_license_class ON articles(license_class, year);
CREATE INDEX articles_year ON articles(year);
CREATE INDEX articles_journal ON articles(journal);
CREATE INDEX articles_article_type ON articles(article_type);

CREATE TABLE identifiers (              -- every id of the record's "ids" object, for lookups by any of them
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                   -- pmcid | pmid | doi | publisher_id | ...
  value TEXT NOT NULL,
  PRIMARY KEY (article_id, kind)
) WITHOUT ROWID;
CREATE INDEX identifiers_value ON identifiers(kind, value);

CREATE TABLE affiliations (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  affiliation_id TEXT,
  text TEXT,
  extra TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE authors (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT,
  given TEXT,
  surname TEXT,
  orcid TEXT,
  collab INTEGER,                       -- boolean
  corresponding INTEGER,                -- boolean
  affiliation_ids TEXT,                 -- JSON array of affiliations.affiliation_id
  extra TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE keywords (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                   -- keyword | subject
  position INTEGER NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (article_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX keywords_term ON keywords(term);

CREATE TABLE sections (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  section_id TEXT,
  title TEXT,
  level INTEGER,
  extra TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE paragraphs (
  article_id TEXT NOT NULL,
  section_position INTEGER NOT NULL,
  position INTEGER NOT NULL,
  paragraph_id TEXT,
  text TEXT,
  page INTEGER,
  xrefs TEXT,                           -- JSON array of {type, rid, text, start, end}
  extra TEXT,
  PRIMARY KEY (article_id, section_position, position),
  FOREIGN KEY (article_id, section_position) REFERENCES sections(article_id, position) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE figures (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  label TEXT,
  kind TEXT,
  caption_title TEXT,
  caption_text TEXT,
  caption_list_items TEXT,              -- JSON array of {label, text}
  caption_words INTEGER,                -- derived: words of caption_text
  caption_chars INTEGER,                -- derived: characters (bytes) of caption_text; added in version 2
  shared_caption TEXT,
  page INTEGER,
  bbox TEXT,                            -- JSON [x0, y0, x1, y1] in PDF points
  compound INTEGER,                     -- boolean
  unlinked TEXT,                        -- JSON {subfigures: [...], labels: [...]}
  extra TEXT,
  PRIMARY KEY (article_id, figure_id)
) WITHOUT ROWID;
CREATE INDEX figures_caption_words ON figures(caption_words);
CREATE INDEX figures_caption_chars ON figures(caption_chars);

CREATE TABLE images (                   -- one row per stored image (STORE/ab/cd/<sha256>.<ext>), shared by every row that shows it
  sha256 TEXT PRIMARY KEY,
  format TEXT NOT NULL,                 -- jpeg | png | gif | tiff | bmp | webp | jp2 | unknown
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  bytes INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX images_size ON images(width, height);

CREATE TABLE graphics (
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  href TEXT,
  member TEXT,
  image_sha256 TEXT REFERENCES images(sha256),  -- NULL: the image was not found (a missing image)
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX graphics_image ON graphics(image_sha256);

CREATE TABLE subfigures (
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  subfigure_id TEXT,
  graphic INTEGER,                      -- index into the figure's graphics
  box TEXT,                             -- JSON [x0, y0, x1, y1] in image pixels
  label TEXT,
  image_sha256 TEXT REFERENCES images(sha256),  -- the panel crop
  score,
  method TEXT,
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX subfigures_image ON subfigures(image_sha256);

CREATE TABLE subcaptions (
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  label TEXT,
  text TEXT,
  span TEXT,                            -- JSON [start, end) byte offsets into figures.caption_text
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE links (                    -- panel <-> subcaption
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  subfigure_id TEXT,
  label TEXT,
  method TEXT,                          -- printed-label | reading-order | single-panel
  score,
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE mentions (                 -- in-text references to a figure
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  paragraph TEXT,
  section TEXT,
  sentence TEXT,
  start_offset INTEGER,
  end_offset INTEGER,
  text TEXT,
  panels TEXT,                          -- JSON array of panel labels
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE domains (
  article_id TEXT NOT NULL,
  figure_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  tag TEXT,                             -- mri | ct | x-ray | histology | microscopy | photograph | chart | diagram | ...
  phrases TEXT,                         -- JSON array
  source TEXT,
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position),
  FOREIGN KEY (article_id, figure_id) REFERENCES figures(article_id, figure_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX domains_tag ON domains(tag, article_id, figure_id);

CREATE TABLE warnings (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  figure_id TEXT NOT NULL,              -- '' for the article's own warnings
  position INTEGER NOT NULL,
  code TEXT,
  message TEXT,
  extra TEXT,
  PRIMARY KEY (article_id, figure_id, position)
) WITHOUT ROWID;
CREATE INDEX warnings_code ON warnings(code);

CREATE TABLE article_tables (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  table_id TEXT,
  label TEXT,
  kind TEXT,
  caption_title TEXT,
  caption_text TEXT,
  caption_list_items TEXT,              -- JSON
  text TEXT,                            -- cells: rows on lines, cells separated by tabs
  graphics TEXT,                        -- JSON array of graphics (tables are not exported as images)
  page INTEGER,
  bbox TEXT,                            -- JSON
  extra TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE bibliography (             -- the record's "references"
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  reference_id TEXT,
  label TEXT,
  text TEXT,
  title TEXT,
  source TEXT,
  year TEXT,
  authors TEXT,                         -- JSON array of names
  ids TEXT,                             -- JSON object: doi, pmid, ...
  extra TEXT,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE responses (                -- imported LLM responses (pubforge responses import); added in version 2
  id INTEGER PRIMARY KEY,
  custom_id TEXT NOT NULL UNIQUE,       -- the request's custom_id
  article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
  figure_id TEXT,
  subfigure_id TEXT,
  task TEXT,                            -- qa | mcq | differential | vqa | graphical-abstract | ...
  model TEXT,
  payload TEXT,                         -- JSON: the validated response content
  status TEXT,                          -- ok | invalid | error | ...
  extra TEXT
);
CREATE INDEX responses_article ON responses(article_id, figure_id);
CREATE INDEX responses_task ON responses(task, status);

-- Full-text index (version 3): one document per article holding its title, abstract, every caption and subcaption,
-- and its body, so a query's terms may match across fields (A in the title, B in the abstract); and one per figure
-- holding its caption and subcaptions, for figure search. src/archive/search_text.cpp defines the text.
CREATE VIRTUAL TABLE search USING fts5(
  title, abstract, captions, body,      -- NULL where the document has none (figure documents: captions only)
  kind UNINDEXED,                       -- article | figure
  article_id UNINDEXED,
  figure_id UNINDEXED,                  -- '' for the article's document
  tokenize = 'unicode61 remove_diacritics 2'
);
