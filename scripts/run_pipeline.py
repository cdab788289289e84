"""Runs the shell steps of a pipeline written by `guide init --ci github|gitlab` on this
machine, in the guide's folder, the way the CI host would: in order, with the pipeline's
variables, stopping at the first failing step. Steps that only exist on the host (checkout,
Pages upload and deployment) are not run; what they would be given is checked instead.

Usage: run_pipeline.py github|gitlab GUIDE_DIR  (called by scripts/package.sh, which makes
`pip`/`pipx` install interview-guide from the wheels it built rather than from PyPI).
"""

import json
import os
import re
import subprocess
import sys

import yaml

# Stand-ins for what the host would fill in.
GITHUB_EXPRESSIONS = {"steps.pages.outputs.base_url": "https://example.github.io/guide"}
GITLAB_VARIABLES = {
    "CI": "true",
    "CI_COMMIT_BRANCH": "main",
    "CI_DEFAULT_BRANCH": "main",
    "CI_PIPELINE_SOURCE": "push",
    "CI_PAGES_URL": "https://example.gitlab.io/guide",
}


def fail(message):
    sys.exit(f"run_pipeline.py: {message}")


def run_shell(name, script, cwd, env):
    """Runs one step's script with bash, as both hosts do on Linux; returns its stdout."""
    print(f"--- {name}\n{script.rstrip()}", flush=True)
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        text=True,
    )
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        fail(f"step '{name}' failed with exit code {result.returncode}")
    return result.stdout


def github_value(text):
    """Replaces `${{ expression }}` with its stand-in; an unknown expression is an error."""

    def substitute(match):
        expression = match.group(1).strip()
        if expression not in GITHUB_EXPRESSIONS:
            fail(f"no stand-in for the expression `{expression}`")
        return GITHUB_EXPRESSIONS[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", substitute, str(text))


def run_github(guide_dir):
    with open(os.path.join(guide_dir, ".github/workflows/guide.yml")) as file:
        workflow = yaml.safe_load(file)
    env = {"CI": "true", "GITHUB_ACTIONS": "true"}
    env.update({k: github_value(v) for k, v in workflow.get("env", {}).items()})
    for step in workflow["jobs"]["build"]["steps"]:
        name = step.get("name") or step.get("uses") or step.get("id")
        if "run" in step:
            step_env = {k: github_value(v) for k, v in step.get("env", {}).items()}
            output = run_shell(name, step["run"], guide_dir, {**env, **step_env})
            if "::error" in output:
                fail(f"step '{name}' reported errors")
        elif step["uses"].startswith("actions/upload-pages-artifact@"):
            site = os.path.join(guide_dir, step["with"]["path"])
            if not os.path.isfile(os.path.join(site, "index.html")):
                fail(f"nothing to publish: {site}/index.html is missing")
            print(f"--- {name}: would publish {site}")
        else:
            print(f"--- {name}: runs only on GitHub")
    if "deploy-pages" not in json.dumps(workflow["jobs"]["deploy"]):
        fail("the deploy job does not deploy to Pages")


def run_gitlab(guide_dir):
    with open(os.path.join(guide_dir, ".gitlab-ci.yml")) as file:
        pipeline = yaml.safe_load(file)
    env = {**GITLAB_VARIABLES, **{k: str(v) for k, v in pipeline.get("variables", {}).items()}}
    before = pipeline.get("default", {}).get("before_script", [])
    jobs = {name: job for name, job in pipeline.items() if isinstance(job, dict) and "script" in job}
    for stage in pipeline["stages"]:
        for name, job in jobs.items():
            if job.get("stage") != stage:
                continue
            run_shell(name, "\n".join(before + job["script"]), guide_dir, env)
            for path in job.get("artifacts", {}).get("paths", []):
                if not os.path.exists(os.path.join(guide_dir, path)):
                    fail(f"job '{name}' did not make its artifact {path}")
            for kind, path in job.get("artifacts", {}).get("reports", {}).items():
                with open(os.path.join(guide_dir, path)) as report:
                    findings = json.load(report)
                if not isinstance(findings, list):
                    fail(f"the {kind} report {path} is not a list of findings")
                print(f"--- {name}: {kind} report with {len(findings)} findings")
    if not os.path.isfile(os.path.join(guide_dir, "public/index.html")):
        fail("the pages job published no public/index.html")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("github", "gitlab"):
        sys.exit(__doc__)
    {"github": run_github, "gitlab": run_gitlab}[sys.argv[1]](sys.argv[2])
    print(f"The {sys.argv[1]} pipeline ran in {sys.argv[2]}")
