<?xml version="1.0" encoding="UTF-8"?>
{# Opened in a browser, a feed shows as a page that says what it is and how to subscribe. #}
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
<xsl:output method="html" encoding="UTF-8" indent="yes"/>
<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="site" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>
<xsl:template match="/">
<html lang="{{ site.language }}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title"/></title>
<style>
body { margin: 0 auto; max-width: 44rem; padding: 1rem; font: 1.0625rem/1.6 "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; }
.note { background: #f5f3ef; border-left: 4px solid #9b1c1c; padding: 0.8rem 1rem; }
code { display: block; overflow-wrap: anywhere; background: #fff; border: 1px solid #d8dee4; padding: 0.4rem; margin-top: 0.3rem; }
a { color: #0b4f9c; } li { margin: 0.5rem 0; } .muted { color: #57606a; font-size: 0.9rem; }
@media (prefers-color-scheme: dark) { body { background: #14171a; color: #e6e8eb; } .note { background: #22262b; } code { background: #14171a; border-color: #3a4048; } a { color: #8cc4ff; } .muted { color: #a8b0b9; } }
</style>
</head>
<body>
<div class="note">
<h1>{{ t.feed_page_title }}</h1>
<p>{{ t.feed_page_what }}</p>
<p>{{ t.feed_page_address }} <code><xsl:value-of select="$self"/></code></p>
</div>
<h2><xsl:value-of select="$title"/></h2>
<p><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
<p><a href="{$site}">{{ t.feed_page_back }}</a></p>
<h2>{{ t.feed_page_latest }}</h2>
<ul>
<xsl:for-each select="/rss/channel/item | /atom:feed/atom:entry">
<li><a href="{link | atom:link/@href}"><xsl:value-of select="title | atom:title"/></a>
<br/><span class="muted"><xsl:value-of select="pubDate | atom:updated"/></span></li>
</xsl:for-each>
</ul>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
