//! The deploy kit (`layer-free-deploy/`) without AWS: the SAM template passes `cfn-lint`, and
//! `deploy.sh` (create, then update), `cleanup.sh` make well-formed calls to a local AWS
//! endpoint (moto's server, with the AWS CLI). Needs `pip install cfn-lint awscli
//! 'moto[server]'`; without them the tests say SKIPPED, unless `MEDIAINFO_E2E=require`.

mod lambda_support;

use std::path::PathBuf;
use std::process::{Command, Output};

use lambda_support::moto::{MotoServer, moto_command};
use lambda_support::{scratch, unavailable};

fn kit() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("layer-free-deploy")
}

fn has(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn show(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn template_passes_cfn_lint() {
    if !has("cfn-lint") {
        return unavailable("cfn-lint is not installed (pip install cfn-lint)");
    }
    let o = Command::new("cfn-lint")
        .arg(kit().join("template.yaml"))
        .output()
        .unwrap();
    assert!(o.status.success(), "cfn-lint:\n{}", show(&o));
}

#[test]
fn deploy_update_and_clean_up_against_a_local_endpoint() {
    let Some(moto) = moto_command() else {
        return unavailable("moto's server is not installed (pip install 'moto[server]')");
    };
    if !has("aws") {
        return unavailable("the AWS CLI is not installed (pip install awscli)");
    }
    let work = scratch("deploy");
    let server =
        MotoServer::start_with(&moto, &work, &[("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")]);
    // moto does not run the code: any zip with a bootstrap in it will do.
    let zip = work.join("function.zip");
    let made = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('bootstrap', '#!/bin/sh\\n')",
        ])
        .arg(&zip)
        .status()
        .unwrap();
    assert!(made.success());
    let aws = |script: &str, env: &[(&str, &str)]| -> Output {
        Command::new("bash")
            .arg(kit().join(script))
            .env("AWS_ENDPOINT_URL", server.endpoint())
            .env("AWS_ACCESS_KEY_ID", "testing")
            .env("AWS_SECRET_ACCESS_KEY", "testing")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", work.join("no-aws-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                work.join("no-aws-credentials"),
            )
            .env("ZIP", &zip)
            .envs(env.iter().copied())
            .output()
            .unwrap()
    };
    let created = aws(
        "deploy.sh",
        &[
            ("BUCKET", "media-in other-in"),
            ("OUTPUT_BUCKET", "media-out"),
            ("OUTPUT_PREFIX", "mediainfo/"),
        ],
    );
    assert!(created.status.success(), "deploy.sh:\n{}", show(&created));
    assert!(show(&created).contains("created"), "{}", show(&created));
    let updated = aws(
        "deploy.sh",
        &[
            ("BUCKET", "media-in"),
            ("MEMORY", "1024"),
            ("LOG_FORMAT", "JSON"),
        ],
    );
    assert!(
        updated.status.success(),
        "deploy.sh again:\n{}",
        show(&updated)
    );
    assert!(show(&updated).contains("updated"), "{}", show(&updated));
    let config = aws_json(
        &server,
        &[
            "lambda",
            "get-function-configuration",
            "--function-name",
            "mediainfo-rs",
        ],
    );
    assert_eq!(config["Runtime"], "provided.al2023");
    assert_eq!(config["Handler"], "bootstrap");
    assert_eq!(config["MemorySize"], 1024);
    assert_eq!(
        config["Role"],
        "arn:aws:iam::123456789012:role/mediainfo-rs-role"
    );
    let policy = aws_json(
        &server,
        &[
            "iam",
            "get-role-policy",
            "--role-name",
            "mediainfo-rs-role",
            "--policy-name",
            "s3-access",
        ],
    );
    let doc = policy["PolicyDocument"].to_string();
    assert!(doc.contains("arn:aws:s3:::media-in/*"), "{doc}");
    let cleaned = aws("cleanup.sh", &[]);
    assert!(cleaned.status.success(), "cleanup.sh:\n{}", show(&cleaned));
    assert!(
        show(&cleaned).contains("deleted function mediainfo-rs"),
        "{}",
        show(&cleaned)
    );
    assert!(
        show(&cleaned).contains("deleted role mediainfo-rs-role"),
        "{}",
        show(&cleaned)
    );
}

fn aws_json(server: &MotoServer, args: &[&str]) -> serde_json::Value {
    let o = Command::new("aws")
        .args(args)
        .args(["--output", "json", "--endpoint-url", &server.endpoint()])
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .output()
        .unwrap();
    assert!(o.status.success(), "aws {args:?}:\n{}", show(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}
