# The Pelican side of benchmarks/run.py (written by benchmarks/convert.py, which fills in the name and URL).
AUTHOR = "UBND tỉnh"
SITENAME = @SITENAME@
SITEURL = @SITEURL@
RELATIVE_URLS = False
PATH = "content"
ARTICLE_PATHS = ["."]
PAGE_PATHS = []
STATIC_PATHS = []
THEME = "theme"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_DATE = "fs"
# Pelican's own content cache, so its rebuilds are as quick as it can make them;
# benchmarks/run.py deletes it for a cold build.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"

DEFAULT_PAGINATION = 30
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
# An issue is a category, topics/agencies/documents are tags, officials are authors.
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
AUTHOR_URL = "lanh-dao/{slug}/"
AUTHOR_SAVE_AS = "lanh-dao/{slug}/index.html"
YEAR_ARCHIVE_URL = "nam/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "nam/{date:%Y}/index.html"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
TAGS_SAVE_AS = "the/index.html"
CATEGORIES_SAVE_AS = "ky/index.html"
AUTHORS_SAVE_AS = "lanh-dao/index.html"

FEED_ALL_ATOM = "atom.xml"
FEED_ALL_RSS = "rss.xml"
TAG_FEED_ATOM = "the/{slug}/atom.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 30
SUMMARY_MAX_LENGTH = 50

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["related_directives"]
