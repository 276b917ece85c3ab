"""What pyproject.toml cannot say: the top-level templates/ folder (the design card keeps
it there, for designers) and the starter settings ship inside the package, so that
`pip install .` and `pipx install .` give a `bulletin` that builds without a checkout."""
from setuptools import find_namespace_packages, find_packages, setup

# Every folder under templates/ (partials/, assets/ ...) is a data folder of generator.theme.
THEME = ["generator.theme", *(f"generator.theme.{name}" for name in find_namespace_packages(where="templates"))]

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), *THEME, "generator.starter"],
    package_dir={"generator.theme": "templates", "generator.starter": "content"},
    package_data={
        "generator": ["**/*.yaml", "serve/*.js"],
        "generator.theme": ["**/*"],
        "generator.starter": ["site.yaml", "topics.yaml"],
    },
)
