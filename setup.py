"""What pyproject.toml cannot say: the top-level templates/ folder (the design card keeps
it there, for designers) and the starter settings ship inside the package, so that
`pip install .` and `pipx install .` give a `bulletin` that builds without a checkout."""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.theme", "generator.starter"],
    package_dir={"generator.theme": "templates", "generator.starter": "content"},
    package_data={
        "generator": ["**/*.yaml", "serve/*.js"],
        "generator.theme": ["**/*"],
        "generator.starter": ["site.yaml", "topics.yaml"],
    },
)
