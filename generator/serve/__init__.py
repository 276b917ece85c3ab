"""The editors' preview: build into a private folder, serve it under the site's base
path, rebuild on every saved change and reload open pages (see commands/serve.py)."""
