//! Deterministic corpus generator for benchmarks and stress tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --roles 10000 --out DIR [--seed 42] [--sections 8] [--languages 1] [--force]
//! ```
//!
//! Writes a complete site to `DIR`: `config.toml`, `content/_index.md`, one
//! `content/<section>/_index.md` per section and one role guide of 3–5 KB of
//! Markdown per role. The same seed always gives byte-identical output. Only the
//! standard library is used, with a hand-written SplitMix64 generator.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE: &str = "\
Usage: gen_corpus --roles N --out DIR [--seed S] [--sections K] [--languages L] [--force]

Writes a generated interview-guide site (config.toml + content/) to DIR.

Options:
  --roles N      number of role pages (default 1000)
  --out DIR      output site root (required)
  --seed S       random seed; the same seed gives byte-identical output (default 42)
  --sections K   number of sections, 1-48 (default 8)
  --languages L  languages of the guide, 1-4 (default 1): English, then pseudo-translations
                 of every page into German, French and Japanese (role.de.md, ...)
  --force        delete an existing DIR/content first (config.toml is always rewritten)
  -h, --help     show this help";

struct Args {
    roles: usize,
    out: PathBuf,
    seed: u64,
    sections: usize,
    languages: usize,
    force: bool,
}

fn parse_args(raw: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args {
        roles: 1000,
        out: PathBuf::new(),
        seed: 42,
        sections: 8,
        languages: 1,
        force: false,
    };
    let mut raw = raw.peekable();
    while let Some(arg) = raw.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| raw.next()).ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--roles" => args.roles = parse_num(&value("--roles")?, "--roles")?,
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--seed" => args.seed = parse_num(&value("--seed")?, "--seed")?,
            "--sections" => args.sections = parse_num(&value("--sections")?, "--sections")?,
            "--languages" => args.languages = parse_num(&value("--languages")?, "--languages")?,
            "--force" => args.force = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    validate(&args)?;
    Ok(Some(args))
}

fn parse_num<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("{name}: `{text}` is not a valid number"))
}

fn validate(args: &Args) -> Result<(), String> {
    if args.out.as_os_str().is_empty() {
        return Err("--out DIR is required".into());
    }
    if args.roles == 0 {
        return Err("--roles must be at least 1".into());
    }
    if !(1..=TRANSLATIONS.len() + 1).contains(&args.languages) {
        return Err(format!("--languages must be between 1 and {}", TRANSLATIONS.len() + 1));
    }
    if !(1..=SECTION_DEFS.len() * 4).contains(&args.sections) {
        return Err(format!("--sections must be between 1 and {}", SECTION_DEFS.len() * 4));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Random numbers: SplitMix64
// ---------------------------------------------------------------------------

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

struct Rng(u64);

impl Rng {
    /// An independent stream for (seed, stream), so each page is reproducible on its own.
    fn derive(seed: u64, stream: u64) -> Self {
        Rng(mix64(seed ^ mix64(stream.wrapping_add(GOLDEN))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix64(self.0)
    }

    /// Uniform in `0..n` (n > 0), without modulo bias worth caring about.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below((hi - lo + 1) as usize) as u64
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct items (case-insensitively), in pick order.
    fn sample<'a>(&mut self, items: &[&'a str], k: usize) -> Vec<&'a str> {
        let k = k.min(items.len());
        let mut out: Vec<&'a str> = Vec::with_capacity(k);
        let mut tries = 0;
        while out.len() < k && tries < k * 20 {
            tries += 1;
            let item = *self.pick(items);
            if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
                out.push(item);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

struct SectionDef {
    name: &'static str,
    slug: &'static str,
    blurb: &'static str,
    weight: usize,
    /// Typical mid-level yearly pay in USD.
    pay: u32,
    /// Whether titles take a seniority prefix and a qualifier.
    leveled: bool,
    /// Whether live-coding exercises may use any language (else SQL or Python).
    tech: bool,
    jobs: &'static str,
    skills: &'static str,
    concepts: &'static str,
    metrics: &'static str,
    code_terms: &'static str,
}

const SECTION_DEFS: [SectionDef; 12] = [
    SectionDef {
        name: "Engineering",
        slug: "engineering",
        blurb: "Interview questions for software engineers, from backend services and web front ends to mobile apps and embedded systems.",
        weight: 30,
        pay: 125_000,
        leveled: true,
        tech: true,
        jobs: "Backend Developer|Frontend Developer|Full-Stack Developer|Software Engineer|Platform Engineer|API Engineer|Embedded Software Engineer|Game Developer|Mobile Developer|iOS Developer|Android Developer|Build Engineer|Compiler Engineer|Graphics Engineer|Firmware Engineer|Web Developer|Systems Programmer|Integration Engineer",
        skills: "Python|Go|Java|Kotlin|Rust|TypeScript|JavaScript|C++|C#|Ruby|PHP|Elixir|Scala|Swift|React|Vue|Angular|Svelte|Next.js|Node.js|Django|Flask|FastAPI|Spring Boot|Ruby on Rails|Laravel|.NET|gRPC|GraphQL|REST APIs|PostgreSQL|MySQL|Redis|MongoDB|Kafka|RabbitMQ|Docker|Kubernetes|Git|WebAssembly|Webpack|Vite|Jest|Playwright|Tailwind CSS|SwiftUI|Jetpack Compose|Flutter|React Native|Unity|Unreal Engine|OpenGL|Vulkan|Zephyr|FreeRTOS|CMake|Bazel|SQLite|Elasticsearch|NATS|Protocol Buffers|OpenAPI|WebSockets",
        concepts: "API versioning|idempotency keys|rate limiting|cache invalidation|connection pooling|database indexing|N+1 queries|cursor pagination|optimistic locking|eventual consistency|circuit breakers|exponential backoff|feature flags|dependency injection|code review|the test pyramid|contract testing|memory leaks|race conditions|deadlocks|web accessibility|server-side rendering|hydration|state management|bundle size|Core Web Vitals|structured concurrency|garbage collection pauses|schema migrations|backwards compatibility|message ordering|the outbox pattern|event sourcing|CQRS|domain-driven design|hexagonal architecture|monolith decomposition|service boundaries|error handling|structured logging|distributed tracing|request timeouts|graceful shutdown|zero-downtime deploys|trunk-based development|semantic versioning|dependency upgrades|lazy loading|offline support|push notifications|app startup time|frame drops|memory budgets|interrupt handling|binary size|cross-compilation|thread safety|lock contention|async runtimes|serialization formats|input validation|session handling|responsive layouts|design system components|form validation|optimistic UI updates|websocket reconnection|background jobs|queue backpressure|batch processing|full-text search|geo queries|time zone handling|money arithmetic|unicode normalization",
        metrics: "p99 latency|error rate|deploy frequency|build time|crash-free sessions|time to first byte|test coverage|mean time to recovery|page weight|cold start time|throughput|CPU usage",
        code_terms: "EXPLAIN ANALYZE|SELECT ... FOR UPDATE|git rebase -i|Cache-Control|Idempotency-Key|max_connections|HTTP 429|O(n log n)|async/await|useEffect|LEFT JOIN|Retry-After|X-Request-Id|SIGTERM|OOMKilled|fsync|VACUUM|Promise.all|context.WithTimeout|Arc<Mutex<T>>|@Transactional|volatile|std::move|git bisect|ETag|If-None-Match|Content-Security-Policy|requestAnimationFrame|IntersectionObserver|WeakMap|sync.WaitGroup|select!|CompletableFuture|LazyColumn|@MainActor",
    },
    SectionDef {
        name: "Data",
        slug: "data",
        blurb: "Interview questions for data engineers, analysts and scientists: pipelines, modelling, statistics and storytelling with numbers.",
        weight: 16,
        pay: 115_000,
        leveled: true,
        tech: true,
        jobs: "Data Engineer|Data Analyst|Data Scientist|Analytics Engineer|BI Developer|Database Administrator|Data Architect|Product Analyst|Quantitative Analyst|Decision Scientist|Data Platform Engineer|Marketing Analyst|Research Analyst|Statistician",
        skills: "SQL|Python|R|Apache Spark|Airflow|dbt|Snowflake|BigQuery|Redshift|Databricks|pandas|Polars|Tableau|Looker|Power BI|Kafka|Apache Flink|Delta Lake|Apache Iceberg|Parquet|Excel|Jupyter|DuckDB|ClickHouse|Dagster|Prefect|Great Expectations|Fivetran|Airbyte|Metabase|Superset|NumPy|SciPy|statsmodels|Stata|SAS|Trino|Hive|PostgreSQL|Oracle|SQL Server|Kinesis|Pub/Sub|Terraform|Git|Docker|Mode|Hex",
        concepts: "slowly changing dimensions|star schemas|data lineage|data contracts|table partitioning|incremental models|backfills|late-arriving data|deduplication|A/B testing|statistical significance|p-values|confidence intervals|linear regression|logistic regression|feature engineering|data quality checks|schema evolution|change data capture|idempotent pipelines|orchestration|data freshness|metric definitions|a semantic layer|dimensional modelling|window functions|sampling bias|survivorship bias|Simpson's paradox|cohort analysis|funnel analysis|retention curves|seasonality|time series forecasting|anomaly detection|outlier handling|missing values|data governance|PII masking|access controls|cost attribution|query optimisation|columnar storage|data catalogues|self-serve analytics|dashboard design|experiment design|power analysis|causal inference|difference in differences|bootstrapping|Bayesian updating|multicollinearity|stakeholder reporting|data storytelling|exactly-once delivery|stream processing|batch windows|file compaction|small files|data retention|lakehouse architecture",
        metrics: "data freshness|pipeline success rate|query cost|dashboard adoption|forecast error|model lift|time to insight|warehouse spend|SLA breaches|row-level accuracy|conversion rate|weekly active users",
        code_terms: "GROUP BY|ROW_NUMBER()|LAG()|COALESCE|MERGE INTO|df.groupby|pd.merge|QUALIFY|PARTITION BY|COUNT(DISTINCT ...)|dbt run --select|is_incremental()|APPROX_COUNT_DISTINCT|CROSS JOIN|UNNEST|LATERAL|NULLIF|DATE_TRUNC|CLUSTER BY|ref()|source()|.explain()|spark.sql.shuffle.partitions|np.percentile|scipy.stats.ttest_ind",
    },
    SectionDef {
        name: "Infrastructure & Operations",
        slug: "infrastructure-operations",
        blurb: "Interview questions for DevOps, site reliability, cloud and network engineers who keep systems running.",
        weight: 12,
        pay: 130_000,
        leveled: true,
        tech: true,
        jobs: "DevOps Engineer|Site Reliability Engineer|Cloud Engineer|Systems Administrator|Network Engineer|Release Engineer|Infrastructure Engineer|Database Reliability Engineer|Cloud Architect|Observability Engineer|Storage Engineer|Linux Engineer|FinOps Analyst",
        skills: "Terraform|Ansible|Kubernetes|Helm|Docker|AWS|Azure|Google Cloud|Prometheus|Grafana|Datadog|Linux|Bash|Nginx|Envoy|Istio|Argo CD|GitHub Actions|Jenkins|GitLab CI|HashiCorp Vault|Consul|Pulumi|OpenTelemetry|PagerDuty|Cloudflare|HAProxy|systemd|Packer|Chef|Puppet|CloudFormation|Crossplane|Loki|Jaeger|Elastic Stack|Cilium|containerd|eBPF|BGP|VMware|Proxmox|Ceph|ZFS|Nomad|Flux|Karpenter|PowerShell",
        concepts: "service level objectives|error budgets|incident response|blameless postmortems|blue-green deployments|canary releases|autoscaling|infrastructure as code|configuration drift|observability|alert fatigue|capacity planning|disaster recovery|recovery time objectives|recovery point objectives|immutable infrastructure|GitOps|secrets rotation|certificate renewal|DNS failover|load balancing|rate limiting at the edge|multi-region failover|chaos engineering|toil reduction|runbook automation|on-call health|cost optimisation|reserved capacity|spot instances|container image hygiene|supply chain security|patch management|kernel tuning|network segmentation|service meshes|mutual TLS|log retention|metrics cardinality|tracing sampling|golden signals|synthetic monitoring|backup verification|change management|release trains|rollback strategies|cluster upgrades|node pools|pod disruption budgets|resource quotas|noisy neighbours|storage performance|IOPS budgets|VPC design|peering|egress costs|tagging policies|least-privilege IAM|break-glass access",
        metrics: "availability|mean time to recovery|mean time to detect|change failure rate|cloud spend|pages per week|toil hours|deployment lead time|p95 latency|saturation|backup restore time|cost per request",
        code_terms: "kubectl rollout undo|terraform plan|terraform state mv|helm upgrade --atomic|ulimit -n|strace|tcpdump|dig +trace|journalctl -u|iptables|ss -tlnp|readinessProbe|livenessProbe|PodDisruptionBudget|HorizontalPodAutoscaler|node_exporter|rate()|histogram_quantile|chmod 600|systemctl daemon-reload|vmstat|iostat|perf top|aws sts assume-role|lifecycle { prevent_destroy }|for_each|ansible-playbook --check",
    },
    SectionDef {
        name: "Product & Design",
        slug: "product-design",
        blurb: "Interview questions for product managers, designers and researchers who decide what to build and how it should feel.",
        weight: 10,
        pay: 120_000,
        leveled: true,
        tech: false,
        jobs: "Product Manager|Product Designer|UX Researcher|UX Designer|UI Designer|Product Owner|Technical Product Manager|Content Designer|Design Systems Designer|Interaction Designer|Service Designer|UX Writer|Visual Designer|Growth Product Manager",
        skills: "Figma|Sketch|Miro|Jira|Amplitude|Mixpanel|FigJam|Maze|Dovetail|Productboard|Notion|Confluence|Adobe XD|Framer|ProtoPie|SQL|Google Analytics|Hotjar|UserTesting|Optimizely|LaunchDarkly|Adobe Illustrator|Photoshop|After Effects|Principle|Lookback|Airtable|Aha!|Linear|Pendo|FullStory|Storybook|Zeroheight|Lottie",
        concepts: "user interviews|jobs to be done|roadmapping|prioritisation frameworks|RICE scoring|north star metrics|usability testing|information architecture|design tokens|accessibility audits|wireframes|high-fidelity prototypes|discovery sprints|product-market fit|opportunity sizing|problem framing|success metrics|user journeys|service blueprints|personas|card sorting|tree testing|heuristic evaluation|design critiques|visual hierarchy|typography scales|colour contrast|interaction patterns|empty states|error messages|onboarding flows|microcopy|content strategy|pricing and packaging|feature adoption|experiment design|qualitative synthesis|affinity mapping|stakeholder alignment|trade-off decisions|scope negotiation|MVP definition|release planning|beta programmes|customer feedback loops|competitive analysis|go-to-market planning|design systems|component libraries|responsive design|dark mode|motion design|inclusive design|dark patterns|ethical design|outcome-based roadmaps|product discovery|assumption mapping|Kano analysis|story mapping",
        metrics: "activation rate|task success rate|time on task|feature adoption|retention|net promoter score|conversion rate|system usability scale|support ticket volume|weekly active users|customer effort score|experiment win rate",
        code_terms: "aria-label|prefers-reduced-motion|prefers-color-scheme|rem|font-display: swap|:focus-visible|WCAG 2.2 AA|utm_campaign|event_name|--color-primary|auto layout|spacing-4",
    },
    SectionDef {
        name: "Sales & Customer Success",
        slug: "sales-customer-success",
        blurb: "Interview questions for account executives, customer success managers, solutions engineers and support teams.",
        weight: 10,
        pay: 95_000,
        leveled: true,
        tech: false,
        jobs: "Account Executive|Sales Development Representative|Customer Success Manager|Solutions Engineer|Account Manager|Sales Engineer|Support Engineer|Partner Manager|Renewals Manager|Implementation Consultant|Customer Support Specialist|Technical Account Manager|Business Development Representative|Onboarding Specialist",
        skills: "Salesforce|HubSpot|Gong|Outreach|Zendesk|Intercom|Gainsight|LinkedIn Sales Navigator|ZoomInfo|Salesloft|Clari|ChurnZero|Freshdesk|Jira Service Management|DocuSign|PandaDoc|Apollo|Slack|Zoom|Excel|Google Sheets|Loom|Vitally|Totango|Chorus|Highspot|Seismic|Pipedrive|Front|Help Scout",
        concepts: "pipeline generation|discovery calls|MEDDICC|objection handling|churn prevention|net revenue retention|quarterly business reviews|customer onboarding|upselling|account expansion|forecast accuracy|deal qualification|mutual action plans|multi-threading|champion building|procurement cycles|security reviews|proof-of-concept scoping|technical demos|value selling|ROI calculations|pricing negotiation|discount discipline|territory planning|account mapping|cold outreach|email sequencing|social selling|referral programmes|renewal forecasting|health scores|escalation handling|support SLAs|knowledge base articles|ticket triage|customer advocacy|case studies|executive sponsorship|handoffs from sales to success|implementation timelines|adoption playbooks|customer segmentation|product feedback loops|win-loss analysis|competitive positioning|partner channels|reseller agreements|contract redlines|consumption pricing|seat-based pricing|land and expand",
        metrics: "quota attainment|win rate|average deal size|sales cycle length|pipeline coverage|net revenue retention|gross churn|customer satisfaction|first-response time|time to value|expansion revenue|meetings booked",
        code_terms: "Closed Won|Stage 2|Next Step|Close Date|Forecast Category|ARR|MRR|NRR|SLA breach|P1|CSAT|macro",
    },
    SectionDef {
        name: "Security",
        slug: "security",
        blurb: "Interview questions for security engineers, analysts and architects who protect systems, data and people.",
        weight: 7,
        pay: 135_000,
        leveled: true,
        tech: true,
        jobs: "Security Engineer|Application Security Engineer|Penetration Tester|SOC Analyst|Cloud Security Engineer|Security Architect|GRC Analyst|Incident Responder|Detection Engineer|Identity Engineer|Threat Intelligence Analyst|Product Security Engineer|Security Operations Engineer",
        skills: "OWASP Top 10|Burp Suite|Wireshark|Splunk|Microsoft Sentinel|IAM|OAuth 2.0|OpenID Connect|SAML|Nmap|Metasploit|Zeek|CrowdStrike|HashiCorp Vault|AWS KMS|SOC 2|ISO 27001|PCI DSS|HIPAA|Semgrep|CodeQL|Snyk|Trivy|osquery|Suricata|YARA|Sigma rules|Okta|Azure AD|Python|Go|Bash|Ghidra|MITRE ATT&CK|Kali Linux|Falco|OPA",
        concepts: "SQL injection|cross-site scripting|CSRF|SSRF|least privilege|zero trust|secrets management|key rotation|vulnerability management|patching cadence|phishing simulations|supply chain attacks|SBOMs|threat modelling|STRIDE|attack surface reduction|secure code review|dependency scanning|container scanning|runtime detection|log correlation|alert triage|false positives|incident containment|forensic timelines|chain of custody|tabletop exercises|red teaming|purple teaming|bug bounty programmes|responsible disclosure|multi-factor authentication|session fixation|token lifetimes|password storage|envelope encryption|TLS configuration|certificate pinning|network segmentation|egress filtering|privileged access management|access reviews|audit evidence|risk registers|vendor assessments|data classification|data loss prevention|security awareness training|ransomware readiness|backup isolation|cloud misconfigurations|IAM policy sprawl|detection as code|threat hunting|indicators of compromise",
        metrics: "mean time to detect|mean time to respond|patch latency|open critical findings|phishing click rate|alert fidelity|audit findings|coverage of ATT&CK techniques|time to remediate|privileged accounts|false positive rate|secrets exposed",
        code_terms: "SameSite=Strict|HttpOnly|Content-Security-Policy|bcrypt|argon2id|nonce|X-Frame-Options|sudo -l|iam:PassRole|s3:GetObject|AssumeRole|nmap -sV|CVE-2021-44228|eval()|Strict-Transport-Security|chmod 4755|auditd|JWT alg none",
    },
    SectionDef {
        name: "Machine Learning",
        slug: "machine-learning",
        blurb: "Interview questions for machine learning engineers and applied scientists, from classic models to LLM-powered products.",
        weight: 7,
        pay: 145_000,
        leveled: true,
        tech: true,
        jobs: "Machine Learning Engineer|MLOps Engineer|Applied Scientist|Computer Vision Engineer|NLP Engineer|AI Engineer|Recommendation Systems Engineer|Research Engineer|Speech Recognition Engineer|Ranking Engineer|Deep Learning Engineer|LLM Engineer",
        skills: "PyTorch|TensorFlow|JAX|scikit-learn|XGBoost|LightGBM|Hugging Face Transformers|MLflow|Kubeflow|Ray|ONNX|CUDA|LangChain|LlamaIndex|FAISS|Weights & Biases|Triton Inference Server|vLLM|TensorRT|OpenCV|spaCy|NLTK|Keras|pandas|NumPy|Spark MLlib|SageMaker|Vertex AI|Feast|DVC|Optuna|Python|C++|Docker|Kubernetes|SQL",
        concepts: "overfitting|regularisation|cross-validation|embeddings|fine-tuning|model drift|feature stores|hyperparameter tuning|quantisation|retrieval-augmented generation|offline evaluation|online evaluation|precision and recall|class imbalance|calibration|label noise|data leakage|train-serving skew|shadow deployments|model registries|batch inference|real-time inference|latency budgets|GPU utilisation|mixed precision training|gradient accumulation|distributed training|knowledge distillation|pruning|transfer learning|contrastive learning|attention mechanisms|tokenisation|prompt engineering|hallucination mitigation|guardrails|evaluation harnesses|human feedback|ranking losses|cold-start problems|candidate generation|re-ranking|approximate nearest neighbour search|vector indexes|active learning|data augmentation|synthetic data|bias audits|fairness metrics|explainability|SHAP values|model cards|reproducibility|experiment tracking|A/B testing of models|counterfactual evaluation|bandit algorithms|learning rate schedules|early stopping|confusion matrices|ROC curves",
        metrics: "AUC|F1 score|NDCG|recall at k|inference latency|GPU hours|cost per thousand predictions|model freshness|click-through rate|word error rate|BLEU|mean average precision",
        code_terms: "torch.no_grad()|model.eval()|optimizer.zero_grad()|torch.compile|class_weight=\"balanced\"|train_test_split|StratifiedKFold|max_new_tokens|temperature=0|top_p|nn.Module|DataLoader|pin_memory=True|fp16|bf16|cosine_similarity|faiss.IndexFlatIP|early_stopping_rounds",
    },
    SectionDef {
        name: "Marketing",
        slug: "marketing",
        blurb: "Interview questions for product marketers, growth marketers, content strategists and brand managers.",
        weight: 6,
        pay: 90_000,
        leveled: true,
        tech: false,
        jobs: "Product Marketing Manager|Growth Marketer|Content Strategist|SEO Specialist|Marketing Operations Manager|Demand Generation Manager|Brand Manager|Social Media Manager|Lifecycle Marketer|Copywriter|Performance Marketer|Community Manager|Events Manager|Communications Manager",
        skills: "Google Analytics|Google Ads|Semrush|Ahrefs|HubSpot|Marketo|Mailchimp|WordPress|Canva|Looker Studio|Meta Ads Manager|LinkedIn Campaign Manager|Hootsuite|Sprout Social|Braze|Customer.io|Iterable|Webflow|Unbounce|Segment|Google Tag Manager|Screaming Frog|Search Console|Salesforce|Figma|Excel|SQL|Zapier|Descript|Premiere Pro",
        concepts: "positioning|messaging frameworks|funnel analysis|attribution models|customer acquisition cost|lifetime value|keyword research|content calendars|editorial standards|brand voice|campaign planning|launch tiers|competitive battlecards|buyer personas|ideal customer profiles|lead scoring|marketing qualified leads|nurture sequences|email deliverability|list hygiene|landing page testing|conversion rate optimisation|paid social|search advertising|budget pacing|bid strategies|creative testing|organic growth|technical SEO|internal linking|backlink outreach|thought leadership|webinars|field events|community building|influencer partnerships|press relations|crisis communications|analyst relations|customer stories|pricing pages|win-loss interviews|market sizing|segmentation|message testing|sales enablement|product launches|referral loops|lifecycle journeys|retention campaigns|consent management|UTM discipline|marketing mix modelling|incrementality tests",
        metrics: "cost per lead|pipeline sourced|marketing qualified leads|organic traffic|email open rate|click-through rate|return on ad spend|share of voice|brand awareness|conversion rate|customer acquisition cost|engagement rate",
        code_terms: "utm_source|utm_medium|rel=canonical|noindex|hreflang|robots.txt|og:image|schema.org/FAQPage|gclid|dataLayer.push|List-Unsubscribe|DMARC",
    },
    SectionDef {
        name: "Quality Assurance",
        slug: "quality-assurance",
        blurb: "Interview questions for testers and quality engineers: automation, exploratory testing and release confidence.",
        weight: 5,
        pay: 100_000,
        leveled: true,
        tech: true,
        jobs: "QA Engineer|Test Automation Engineer|Software Development Engineer in Test|Performance Test Engineer|QA Analyst|Quality Engineer|Mobile QA Engineer|Accessibility Tester|Game Tester|Release Quality Manager",
        skills: "Selenium|Playwright|Cypress|Appium|JUnit|pytest|TestNG|k6|JMeter|Gatling|Postman|Cucumber|TestRail|Jira|Xray|WebdriverIO|Detox|Espresso|XCUITest|Charles Proxy|BrowserStack|Sauce Labs|Allure|Pact|WireMock|Testcontainers|Locust|axe DevTools|Lighthouse|Java|Python|TypeScript|SQL|Git|Jenkins|GitHub Actions",
        concepts: "flaky tests|test data management|regression suites|exploratory testing|boundary value analysis|equivalence partitioning|shift-left testing|test coverage|mutation testing|risk-based testing|smoke tests|release criteria|defect triage|bug reports|test environments|service virtualisation|contract tests|end-to-end tests|visual regression testing|load profiles|soak tests|spike tests|performance baselines|accessibility checks|localisation testing|cross-browser testing|device farms|test pyramids|page object models|test parallelisation|quarantining flaky tests|root cause analysis|escaped defects|acceptance criteria|behaviour-driven development|test charters|session-based testing|API testing|database state|fixtures|mocking|idempotent tests|continuous testing|quality gates|canary analysis|feature flag testing|upgrade testing|data migration testing|security smoke tests|usability observations",
        metrics: "escaped defects|test pass rate|flaky test rate|suite run time|defect leakage|mean time to detect|requirements coverage|automation coverage|p95 response time|release confidence|bug reopen rate|time to triage",
        code_terms: "page.getByRole|cy.intercept|@pytest.fixture|@ParameterizedTest|assertThat|waitForSelector|retries: 2|--headed|expect.poll|data-testid|k6 run|ramp-up period|BeforeEach|Thread.sleep",
    },
    SectionDef {
        name: "People Operations",
        slug: "people-operations",
        blurb: "Interview questions for recruiters, HR business partners and people operations specialists.",
        weight: 5,
        pay: 85_000,
        leveled: true,
        tech: false,
        jobs: "Recruiter|Technical Recruiter|HR Business Partner|People Operations Specialist|Talent Acquisition Manager|Compensation Analyst|Learning and Development Manager|Recruiting Coordinator|HR Generalist|People Analyst|Employee Experience Manager|Payroll Specialist",
        skills: "Workday|Greenhouse|Lever|BambooHR|Lattice|Culture Amp|Excel|Ashby|Rippling|Gusto|Deel|Personio|HiBob|LinkedIn Recruiter|SeekOut|Gem|Pave|Carta|ADP|SuccessFactors|Google Sheets|Notion|Slack|Looker|Qualtrics|Docebo|TalentLMS",
        concepts: "structured interviews|interview scorecards|compensation bands|performance reviews|employee engagement|new-hire onboarding|retention risk|inclusive hiring|sourcing strategy|candidate experience|offer negotiation|pay equity audits|leveling frameworks|career ladders|succession planning|workforce planning|headcount budgets|employee relations|workplace investigations|policy writing|handbooks|benefits administration|leave policies|remote work policies|employment law|right-to-work checks|background checks|visa sponsorship|relocation support|learning budgets|manager training|feedback culture|calibration sessions|promotion cycles|exit interviews|attrition analysis|engagement surveys|pulse surveys|employer branding|referral programmes|diversity reporting|accommodations|wellbeing programmes|change communication|reorganisations|layoff planning|HR data privacy|HRIS migrations|payroll accuracy|equity refreshers",
        metrics: "time to hire|offer acceptance rate|quality of hire|regretted attrition|engagement score|cost per hire|pass-through rates|diversity of pipeline|time to productivity|internal mobility rate|eNPS|training completion",
        code_terms: "=VLOOKUP()|=XLOOKUP()|=SUMIFS()|=COUNTIFS()|pivot table|Offer Approved|Req ID|Stage: Onsite|L4|P3|compa-ratio",
    },
    SectionDef {
        name: "Finance & Operations",
        slug: "finance-operations",
        blurb: "Interview questions for financial analysts, accountants and business operations roles.",
        weight: 4,
        pay: 100_000,
        leveled: true,
        tech: false,
        jobs: "Financial Analyst|FP&A Manager|Accountant|Financial Controller|Business Operations Analyst|Revenue Operations Manager|Procurement Specialist|Treasury Analyst|Tax Manager|Billing Specialist|Strategy and Operations Manager|Supply Chain Analyst|Bookkeeper",
        skills: "Excel|NetSuite|SAP|QuickBooks|Anaplan|Adaptive Insights|Tableau|SQL|Power BI|Xero|Oracle Financials|Coupa|Stripe|Chargebee|Zuora|Pigment|Cube|Google Sheets|Salesforce|Workday Financials|Sage Intacct|Expensify|Ramp|Brex|Bill.com|Kyriba|Avalara|Python|Alteryx|Power Query",
        concepts: "variance analysis|three-statement models|revenue recognition|month-end close|cash flow forecasting|unit economics|annual budgeting|rolling forecasts|scenario planning|driver-based models|headcount planning|accruals|deferred revenue|ASC 606|IFRS 15|audit preparation|internal controls|segregation of duties|reconciliations|intercompany transactions|transfer pricing|sales tax compliance|VAT|foreign exchange exposure|hedging|working capital|payment terms|vendor management|spend approvals|purchase orders|contract renewals|SaaS metrics|cohort revenue|gross margin analysis|pricing analysis|board reporting|investor updates|KPI dashboards|capacity modelling|inventory planning|demand forecasting|supplier risk|process automation|system implementations|billing operations|dunning|collections|chart of accounts|cost centres|capitalisation policies",
        metrics: "forecast accuracy|days sales outstanding|days to close|gross margin|burn multiple|operating cash flow|budget variance|cost per transaction|on-time payment rate|inventory turns|CAC payback|revenue per employee",
        code_terms: "=INDEX(MATCH())|=SUMPRODUCT()|=EOMONTH()|=IFERROR()|=NPV()|=XIRR()|Power Query|JE-1042|GL 4000|PO-2291|net 30",
    },
    SectionDef {
        name: "Leadership",
        slug: "leadership",
        blurb: "Interview questions for engineering, product and data leaders who build teams and set direction.",
        weight: 4,
        pay: 190_000,
        leveled: false,
        tech: true,
        jobs: "Engineering Manager|Director of Engineering|VP of Engineering|Chief Technology Officer|Head of Data|Head of Product|Technical Program Manager|Delivery Manager|Director of Product|Head of Design|Head of Security|Head of Customer Success|Chief Information Officer|Head of Platform|Head of Quality|Director of Analytics|Senior Engineering Manager|Group Product Manager",
        skills: "OKRs|Jira|Linear|Confluence|Notion|budgeting|hiring|roadmapping|Lattice|Excel|Google Sheets|Miro|Asana|Smartsheet|Salesforce|Looker|Tableau|Workday|AWS|Kubernetes|Python|SQL|Figma|Slack|Zoom",
        concepts: "team topologies|career ladders|one-on-ones|delivery predictability|technical debt|reorganisations|hiring plans|performance management|underperformance|promotions|psychological safety|engineering culture|architecture governance|build versus buy|vendor selection|budget ownership|headcount planning|strategy documents|operating cadences|quarterly planning|cross-team dependencies|incident leadership|executive communication|board reporting|succession planning|manager coaching|skip-level meetings|retention risk|compensation conversations|remote team rituals|onboarding managers|scaling teams|splitting teams|platform investment|developer productivity|DORA metrics|product strategy|portfolio prioritisation|risk management|compliance programmes|security culture|diversity and inclusion|mentoring programmes|change management|stakeholder management|conflict resolution|decision records|post-incident reviews|layoffs|mergers and integrations",
        metrics: "regretted attrition|delivery predictability|engagement score|time to hire|deploy frequency|budget variance|incident count|roadmap completion|cost per engineer|customer satisfaction|revenue growth|onboarding time",
        code_terms: "RFC-0042|ADR-017|P0|Q3 OKR|L6|DORA|RACI|1:1|SEV1|H1 plan",
    },
];

const SENIORITY: [(&str, u64, u64, f64, usize); 7] = [
    ("Junior", 0, 2, 0.62, 8),
    ("Associate", 0, 2, 0.7, 5),
    ("", 2, 5, 1.0, 22),
    ("Senior", 5, 9, 1.3, 30),
    ("Lead", 6, 10, 1.42, 10),
    ("Staff", 8, 13, 1.6, 7),
    ("Principal", 10, 16, 1.85, 4),
];

const QUALIFIERS: &str = "Platform|Payments|Growth|Enterprise|Core|Identity|Search|Marketplace|Logistics|Billing|Risk|Commerce|Infrastructure|Integrations|Cloud|Insights|Experimentation|Trust and Safety|Developer Experience|Healthcare|Public Sector|EMEA|APAC|Consumer|B2B|Partnerships|Fraud|Pricing|Supply Chain|Compliance|Retail|Media|Automotive|Energy|Gaming|Travel|Education|Insurance|Telecom|Ads|Checkout|Messaging|Maps|Streaming|Hardware|Robotics|Climate|Banking|Lending|Wealth|Mobility";

const INDUSTRIES: &str = "Technology|Fintech|Healthcare|E-commerce|Retail|Logistics|Manufacturing|Education|Media|Gaming|Travel|Hospitality|Insurance|Banking|Telecommunications|Energy|Automotive|Aerospace|Real Estate|Government|Nonprofit|Biotech|Pharmaceuticals|Agriculture|Cybersecurity|Consulting|Legal Services|Construction|Transportation|Entertainment|Food and Beverage|Fashion|Sports|Advertising|Marketplaces|Climate Tech|Robotics|Semiconductors|Public Health|Software Development|Professional Services|Utilities|Mining|Maritime|Defense|Publishing|Music|Childcare|Veterinary Care|Fitness";

const SOFT_SKILLS: &str = "Communication|Mentoring|Problem solving|Attention to detail|Collaboration|Adaptability|Continuous learning|Ownership|Empathy|Time management|Stakeholder management|Negotiation|Presentation skills|Critical thinking|Curiosity|Resilience|Conflict resolution|Decision making|Prioritization|Written communication|Active listening|Coaching|Accountability|Creativity|Strategic thinking|Customer focus|Facilitation|Cross-functional collaboration|Giving feedback|Self-motivation|Patience|Storytelling|Influencing without authority|Planning|Emotional intelligence|Humility|Systems thinking|Pragmatism";

const VERBS: &str = "design|improve|measure|debug|document|automate|simplify|scale|review|prioritise|test|monitor|introduce|migrate|standardise|explain|evaluate|audit|refactor|roll out|harden|benchmark|troubleshoot|plan|estimate|communicate|defend|negotiate|own|champion|rethink|streamline|validate|operationalise|untangle|stabilise|pilot|sunset|deprecate|instrument|model|forecast|coordinate|retire|consolidate|prototype|secure|optimise|track|report on|investigate|reproduce|escalate|triage|hand over|rebuild|decompose|sequence|justify|pitch|de-risk|phase in|load-test|localise|parallelise|replatform|sanity-check|reconcile|govern|spec out|socialise|iterate on|backfill|codify|map out|quantify|simulate|roll back|stress-test|modernise|centralise|decentralise|delegate|budget for|clean up|speed up|scope|shepherd|kick off|wind down";

const ADJECTIVES: &str = "legacy|distributed|customer-facing|regulated|high-traffic|fast-growing|cross-functional|global|remote-first|early-stage|mature|multi-tenant|seasonal|mission-critical|understaffed|greenfield|brownfield|data-heavy|latency-sensitive|budget-constrained|privacy-focused|mobile-first|API-first|heavily audited|loosely coupled|tightly coupled|read-heavy|write-heavy|event-driven|batch-oriented|real-time|self-serve|high-touch|enterprise-grade|open-source|in-house|outsourced|hybrid|on-premises|cloud-native|monolithic|modular|well-funded|bootstrapped|post-acquisition|pre-IPO|unionised|international|bilingual|safety-critical|consumer-grade|two-sided|subscription-based|usage-based|ad-supported|volunteer-run|family-owned|venture-backed|publicly listed|regional|nationwide|fragmented|siloed|fast-moving|risk-averse|experimental|long-running|noisy|brittle|resilient|scrappy|process-heavy|compliance-driven|metrics-driven|design-led|sales-led|product-led|engineering-led|highly available|partially migrated|poorly documented|well-tested|chronically late|overbooked|newly formed|recently merged|rapidly scaling|cost-conscious|quality-obsessed|audit-ready|customer-obsessed|heavily customised|multilingual|offline-capable|hardware-dependent|seasonally spiky|politically sensitive";

const ORGS: &str = "startup|scale-up|enterprise|agency|consultancy|marketplace|platform company|nonprofit|public-sector team|retailer|bank|insurer|hospital network|manufacturer|studio|SaaS vendor|logistics provider|university|research lab|telecom operator|media group|airline|utility|payments processor|travel company|game studio|hardware company|clinic chain|e-commerce brand|credit union|charity|city council|shipping line|energy supplier|food delivery service|ride-hailing company|streaming service|newsroom|law firm|property manager";

const NOUNS: &str = "roadmap|backlog|handover|runbook|budget|launch|quarterly plan|vendor contract|migration plan|release train|on-call rotation|design review|kickoff|retrospective|postmortem|dashboard|style guide|playbook|service catalogue|hiring plan|headcount request|pricing page|onboarding flow|support queue|escalation path|approval process|change freeze|audit trail|data model|incident report|status page|customer survey|renewal cycle|forecast|operating review|board update|service level agreement|licence agreement|procurement process|cost report|tech radar|architecture decision record|RFC|spike|proof of concept|pilot programme|beta|rollout plan|communication plan|risk register|compliance checklist|job description|interview loop|offer letter|performance review|career ladder|team charter|brand guideline|content calendar|press release|sales deck|demo environment|sandbox|staging environment|test plan|release note|changelog|support article|knowledge base|help centre|product brief|one-pager|spreadsheet model|pricing experiment|customer advisory board|service desk|ticketing workflow|feedback loop|deprecation notice|migration guide|API reference|integration guide|partner programme|loyalty scheme|warranty policy|returns policy|privacy notice|consent flow|data retention policy|access review|security questionnaire|disaster recovery plan|business continuity plan|capacity plan|cost model|churn analysis|win-loss review|territory plan|account plan|success plan|implementation plan|statement of work|month-end close|offsite|town hall|all-hands|weekly report|planning poker session|steering committee|vendor shortlist|request for proposal|service map|dependency graph|ownership matrix|on-call handbook|tooling budget|training plan|exit checklist";

const STAKEHOLDERS: &str = "product manager|engineering manager|finance partner|legal counsel|customer|sales lead|support team|executive sponsor|designer|data analyst|security reviewer|compliance officer|vendor|partner team|platform team|CFO|CTO|head of sales|head of product|recruiter|hiring manager|board member|regional director|field engineer|operations lead|marketing lead|account executive|procurement team|auditor|community moderator|new joiner|tech lead|founder|franchise owner|clinical lead|store manager|union representative|works council|key account|pilot customer";

const GENERAL_METRICS: &str = "time to resolution|customer satisfaction|net promoter score|cycle time|lead time|deployment frequency|revenue per employee|gross margin|cost per ticket|first-response time|on-time delivery|error rate|adoption rate|activation rate|retention|churn|employee engagement|time to hire|offer acceptance rate|rework rate";

const GENERAL_CONCEPTS: &str = "technical debt|documentation|code ownership|estimation|risk management|stakeholder alignment|change management|knowledge sharing|onboarding|accessibility|internationalisation|cost control|vendor management|quality gates|feedback loops|process improvement|working agreements|decision logs|cross-team dependencies|handoffs|meeting hygiene|async communication|goal setting|delegation";

const CONSTRAINTS: &str = "with a team of {small}|under a hard regulatory deadline|on a shoestring budget|during a hiring freeze|while the {noun} was still changing|with no dedicated {stake}|across {small} time zones|after a failed first attempt|with half the usual headcount|in the middle of a reorganisation|during peak season|while still supporting the old system|without any downtime|in under {small} weeks|with an external vendor in the loop|with a fully remote team|for a customer threatening to churn|with conflicting requirements from two teams|just before a funding announcement|right after a major incident|with only {small} days of notice|while the {stake} was on leave|with a budget cut of {pct}";

const TIMES: &str = "in your first {small} weeks|in the first quarter|after a year in the role|during your first on-call shift|before the next planning cycle|at quarter end|during a launch week|in the first ninety days|by the end of the year|within {small} sprints|before the next audit|ahead of the holiday peak";

const EVENTS: &str = "missed a deadline you had committed to|disagreed with your manager about {concept}|inherited {a:adj} {noun} nobody wanted to own|had to deliver bad news to {a:stake}|changed your mind after hearing {a:stake} out|made a mistake that hurt {metric}|had to learn {skill} in a hurry|pushed back on a request from {a:stake}|turned around {a:adj} project|mentored someone through {concept}|shipped something you were not proud of|settled a conflict between two colleagues over the {noun}|worked with incomplete data on {concept}|had to say no to {a:stake}|led a change nobody had asked for|took over {a:noun} halfway through|gave difficult feedback to a peer|received feedback that surprised you|balanced {concept} against a hard deadline|won back a frustrated {stake}|simplified {a:adj} {noun}|cut scope to hit a date|raised a risk that others were ignoring|went beyond your role to fix the {noun}|ran {a:noun} that went badly|convinced a sceptical {stake} to invest in {concept}|worked across time zones on {a:adj} launch|navigated a reorganisation in the middle of {a:noun}|owned an incident that hurt {metric}|automated away a painful manual step in the {noun}|improved {metric} by changing how the team worked|juggled three urgent requests at once|had to explain {concept} to a non-technical {stake}|admitted you did not know the answer|volunteered for work outside your comfort zone|noticed a problem in someone else's {noun}|rebuilt trust after a failed {noun}|worked with {a:stake} whose priorities clashed with yours|said yes to too much and had to renegotiate|supported a teammate through a stressful {noun}|replaced {skill} with {skill} and had to convince the team|found a cheaper way to deliver {concept}|onboarded {small} new people at once|lost a key person in the middle of the {noun}";

const CODENAME_HEADS: &str = "Ar|Bel|Cor|Dun|El|Fen|Gal|Hal|Is|Jor|Kel|Lum|Mar|Nor|Or|Pel|Quin|Ros|Sol|Tor|Ul|Val|Wen|Xan|Yor|Zel|Brin|Cal|Dra|Fal|Gor|Hes|Ith|Kor|Lan|Mor|Nim|Oss|Pra|Rhe";
const CODENAME_MIDS: &str = "a|e|i|o|u|an|en|in|on|ar|er|ir|or|el|il";
const CODENAME_TAILS: &str = "ta|ra|nix|lo|vo|dex|ris|mo|sa|ven|tis|ly|gon|ron|dra|ka|via|na|tor|lia|rum|sen|thos|quay|bel";
const COMPANY_SUFFIXES: &str = "Labs|Health|Logistics|Systems|Bank|Energy|Foods|Travel|Games|Analytics|Robotics|Insurance|Media|Retail|Mobility|Cloud|Studios|Networks|Pay|Learning";

// ---------------------------------------------------------------------------
// Sentence templates. `{key}` placeholders expand through `PageGen::expand`;
// `{a:key}` adds the right indefinite article.
// ---------------------------------------------------------------------------

const INTRO_SENTENCES: &[&str] = &[
    "{a:title} looks after {concept} and {concept} for {a:company}.",
    "Day to day, you will work with the {stake} and the {stake} to {verb} {concept}.",
    "Most teams expect {years} of hands-on experience, usually with {skill} and {skill}.",
    "Strong candidates are comfortable with {skill}, {skill} and {skill}, and can explain when {concept} is worth the effort.",
    "The role is common in {industry} and {industry}, where {concept} and {concept} matter more than elsewhere.",
    "Interviewers care less about buzzwords than about how you {verb} {concept} under real constraints.",
    "Expect questions about {concept}, {concept} and the {noun}.",
    "Demand for this role is {demand} right now, and salary bands reflect that.",
    "At {codeco}, for example, the {title} owns the {noun} and reports progress through {metric}.",
    "You will often be asked to {verb} the {noun} {constraint}.",
    "The best people in this job combine {soft_l} with real depth in {concept}.",
    "If you are moving from a related role such as {link}, focus your preparation on {concept}.",
    "Teams that hire for this position usually run {adj} systems and care a lot about {metric}.",
    "Good preparation means reviewing {concept}, practising answers about {concept} out loud, and preparing two stories about {soft_l}.",
    "The job pairs closely with the {link} role, so expect overlapping questions on {concept}.",
    "A typical week mixes {concept}, reviews of the {noun} and conversations with the {stake}.",
    "Hiring managers in {industry} often add a practical exercise on {concept}.",
    "The work sits between the {stake} and the {stake}, so clear {soft_l} is part of the job.",
    "Tools vary by company, but {skill} and {skill} come up in most job descriptions.",
    "Remote and hybrid versions of this role are common, which makes {soft_l} especially important.",
    "In smaller companies the {title} also handles {concept}; in larger ones that belongs to a separate team.",
    "Knowing {code} and what it does under the hood is a quiet signal of experience.",
    "Progression usually leads towards {link} or a management track.",
];

const SCREENING: &[&str] = &[
    "What attracted you to the {title} role at {a:adj} {org}?",
    "Walk me through your experience with {skill} in {industry}.",
    "How many years have you worked with {skill}, and in what kind of team?",
    "Why are you looking to leave your current role?",
    "What are your salary expectations for this {title} position?",
    "What is your notice period, and are you interviewing elsewhere?",
    "Which part of {concept} do you enjoy most, and which do you avoid?",
    "Tell me about the last {noun} you owned from start to finish.",
    "How would your last {stake} describe your {soft_l}?",
    "Are you comfortable working {constraint}?",
    "What do you know about how we approach {concept}?",
    "Which of {skill}, {skill} and {skill} are you strongest in?",
    "What kind of environment brings out your best work: {adj} or {adj}?",
    "Have you worked at {a:adj} {org} before, and what did you learn there?",
    "What would you want to achieve {time}?",
    "How do you keep your {skill} knowledge up to date?",
    "Why {industry}, and why now?",
    "What does a good {noun} look like to you?",
    "Describe your current team and where you sit in it.",
    "Which {metric} numbers have you been accountable for?",
    "Would you be open to an on-call rotation or occasional travel?",
    "What is one thing you would change about how your current team handles {concept}?",
    "Which project on your CV best shows your {soft_l}?",
    "How did you hear about {codeco}, and what stood out?",
];

const TECHNICAL: &[&str] = &[
    "How would you {verb} {concept} for {a:adj} {org}?",
    "Explain the difference between {concept} and {concept}.",
    "When would you choose {skill} over {skill} for {concept}?",
    "How do you measure whether {concept} is working, and which {metric} figure would you watch?",
    "Walk me through how you would {verb} the {noun} {constraint}.",
    "What are the trade-offs of {concept} in {a:adj} system?",
    "How would you investigate a sudden change in {metric} after a release?",
    "Design {a:adj} approach to {concept} using {skill}.",
    "What can go wrong with {concept}, and how do you notice early?",
    "How would you explain {concept} to a new hire in their first week?",
    "Which {skill} features do you rely on for {concept}, and which do you avoid?",
    "How would you {verb} {concept} without breaking the {noun}?",
    "Describe {a:adj} system you built with {skill}. What would you change now?",
    "How do you test {concept} before it reaches customers?",
    "{a:stake} reports that {metric} doubled overnight. What do you check first?",
    "What is your approach to {concept} when {code} is involved?",
    "How would you scale {concept} from one team to {small} teams?",
    "What does good {concept} look like at {codeco}?",
    "How do {concept} and {concept} interact in practice?",
    "Sketch a plan to {verb} {concept} {time}.",
    "What would make you roll back a change to {concept}?",
    "How would you review a colleague's work on {concept}?",
    "If you had to cut the cost of {concept} by {pct}, where would you start?",
    "How do you document decisions about {concept} so the next person understands them?",
    "What is the most common misconception about {concept}?",
    "How would you combine {skill} and {skill} to {verb} {concept}?",
    "Which questions would you ask before you {verb} {concept}?",
    "How has your view of {concept} changed over the last few years?",
];

const BEHAVIORAL: &[&str] = &[
    "Tell me about a time you {event}.",
    "Describe a situation where you {event}. What did you learn?",
    "Give an example of when you {event}, and what you would do differently.",
    "Can you share a time you {event}?",
    "How did you handle it when you {event}?",
    "Think of a moment when you {event}. How did the {stake} react?",
    "What happened the last time you {event}?",
    "Tell me about a project where you {event} {constraint}.",
    "Describe how your {soft_l} changed after you {event}.",
    "What was the hardest part of the time you {event}?",
];

const LOOK_FOR: &[&str] = &[
    "**{soft}**: candidates who can {verb} {concept} and explain why.",
    "Evidence that you have delivered {concept} in {a:adj} environment, not only read about it.",
    "Fluency with {skill}, backed by concrete stories rather than a list of keywords.",
    "A clear sense of which {metric} numbers matter and how your work moved them.",
    "Comfort with the {noun} and with the people who depend on it.",
    "Honest trade-offs: knowing when {concept} is not worth it.",
    "The ability to {verb} {concept} {constraint}.",
    "**{soft}** shown through specific examples, ideally from {industry}.",
    "Curiosity about {concept} beyond the job description.",
    "Judgement about when to involve the {stake}.",
    "Working knowledge of {skill} and {skill}, plus the habit of checking the {noun} before changing it.",
    "Clear writing: a short {noun} that a busy {stake} can act on.",
    "Experience with {concept} at the scale of {a:adj} {org}.",
    "Calm under pressure, for example when {a:noun} goes wrong.",
    "A track record of improving {metric} without burning out the team.",
    "Someone who can {verb} the {noun} alone and knows when to ask for help.",
    "Knowing what {code} does and when not to reach for it.",
    "Reasoning out loud about {concept} instead of reciting a framework.",
];

const PITFALLS: &[&str] = &[
    "Jumping straight into {concept} before clarifying the goal.",
    "Listing {skill} on your CV without being able to explain {concept}.",
    "Talking only about the {noun} and never about {metric}.",
    "Blaming the {stake} for a project that went wrong.",
    "Giving a textbook definition of {concept} with no example from your own work.",
    "Overselling: claiming you led the {noun} when you contributed to it.",
    "Ignoring {concept} until the interviewer prompts you.",
    "Skipping the trade-offs when asked to compare {concept} and {concept}.",
    "Not asking a single question about the {noun} or the team.",
    "Forgetting {soft_l} when describing {a:adj} project.",
    "Answering behavioural questions with \"we\" and never \"I\".",
    "Underestimating how much {concept} matters in {industry}.",
    "Quoting a salary range without having researched the market.",
    "Treating {skill} as the answer to every question.",
    "Rambling: a two-minute answer beats a ten-minute one about {concept}.",
    "Criticising your current employer's {noun} in detail.",
    "Going silent during the exercise instead of thinking aloud about {concept}.",
    "Not preparing a story about a time you {event}.",
    "Reaching for {code} without understanding what it costs.",
];

const TIPS: &[&str] = &[
    "*Tip:* Anchor your answer in one concrete project and finish with the {metric} it moved.",
    "*Tip:* Mention {concept} explicitly; interviewers listen for it.",
    "*Tip:* Name the trade-off you accepted and why the {stake} agreed with it.",
    "*Tip:* Keep it under two minutes, then offer to go deeper on {concept}.",
    "*Tip:* If you have not used {skill}, say so and compare it with a tool you know well.",
    "*Tip:* Use the STAR structure, but spend most of the time on the action and the result.",
    "*Tip:* Bring numbers: even a rough figure for {metric} makes the story credible.",
    "*What a strong answer covers:* {concept}, {concept} and how you would {verb} the {noun}.",
    "*Follow-up to expect:* how would your answer change {constraint}?",
    "*Red flag:* an answer that mentions {concept} but never {metric}.",
];

const DESCRIPTIONS: &[&str] = &[
    "Prepare for {a:title} interview: {concept}, {concept} and {skill} questions, plus salary range and hiring tips.",
    "Interview questions for {title} candidates covering {concept}, {skill} and {soft_l}.",
    "What to expect when interviewing as {a:title}: screening, {concept}, behavioural questions and pay.",
    "A practical {title} interview guide with questions on {concept} and {concept}.",
    "{title} interview preparation: salary, demand, {skill} skills and common questions about {concept}.",
];

const LEADS: [&[&str]; 6] = [
    &[
        "The first call is usually with a recruiter and checks motivation, background and logistics.",
        "Screening calls are short; the goal is to confirm fit, expectations and availability.",
        "Expect a call of 20 to 45 minutes covering your background, {skill} and what you want next.",
        "A recruiter or the {stake} will check the basics before investing in a full loop.",
        "These questions filter for motivation and context rather than depth.",
    ],
    &[
        "Expect a mix of discussion questions and a practical session on {concept}.",
        "This round goes deep on {concept} and the tools you use every day.",
        "Interviewers want to see how you reason, not only what you know.",
        "Most teams run this as a conversation with the {stake} plus one hands-on task.",
        "These questions test depth in {concept} and breadth across {skill} and {skill}.",
    ],
    &[
        "These questions explore how you work with people and handle pressure.",
        "Answer with specific stories: the situation, what you did and what changed.",
        "Interviewers listen for {soft_l}, ownership and honest reflection.",
        "Prepare three or four stories you can adapt to most of these prompts.",
        "This part of the loop is often run by the {stake} or a peer from another team.",
    ],
    &[
        "Beyond the skills list, these are the signals that usually decide an offer.",
        "Hiring managers for this role consistently mention the following.",
        "Here is what separates a yes from a maybe in debriefs.",
        "Interviewers for this role in {industry} usually weigh these points most.",
    ],
    &[
        "These mistakes come up again and again in interview debriefs.",
        "Avoid these and you are already ahead of most candidates.",
        "Good candidates still lose offers over the following.",
        "A few patterns reliably hurt otherwise strong interviews.",
    ],
    &[
        "Some teams add a short live exercise; you may write the code in a shared editor and talk through it.",
        "Expect a 30 to 45 minute exercise in a shared editor, with follow-up questions.",
        "The exercise is small on purpose: clarity and testing matter more than cleverness.",
        "You will usually be allowed to choose the language, but this team often uses the one below.",
    ],
];

const HEADINGS: [&str; 5] = [
    "Initial Screening Questions",
    "Technical Assessment Questions",
    "Behavioral Questions",
    "What Hiring Managers Look For",
    "Common Pitfalls",
];

const FOLLOW_UPS: &[&str] = &[
    "Follow-up: how would you test this with edge cases such as empty input or duplicate keys?",
    "Follow-up: what changes if the input no longer fits in memory?",
    "Follow-up: how would you make this safe to call from several threads or workers?",
    "Follow-up: which part would you optimise first, and how would you measure it?",
    "Follow-up: how would you expose this behind an API used by the {stake}?",
    "Follow-up: what would you log or monitor once this runs in production?",
    "Follow-up: how does the complexity change if the input is already sorted?",
    "Follow-up: how would you explain this code to {a:title} joining the team next week?",
];

// ---------------------------------------------------------------------------
// Live-coding snippets. `@MARKERS@` are filled per page.
// ---------------------------------------------------------------------------

struct Snippet {
    lang: &'static str,
    prompt: &'static str,
    code: &'static str,
}

const SNIPPETS: &[Snippet] = &[
    Snippet {
        lang: "python",
        prompt: "Implement a sliding-window rate limiter that allows at most @N@ @ENTS@ per `@KEY@` in any @M@-second window, then discuss its memory use.",
        code: r#"from collections import deque
import time


class @TYPE@RateLimiter:
    """Allow at most `limit` @ENTS@ per @KEY@ in any `window` seconds."""

    def __init__(self, limit=@N@, window=@M@):
        self.limit = limit
        self.window = window
        self.events = {}

    def allow(self, @KEY@, now=None):
        now = time.monotonic() if now is None else now
        q = self.events.setdefault(@KEY@, deque())
        while q and now - q[0] >= self.window:
            q.popleft()
        if len(q) >= self.limit:
            return False
        q.append(now)
        return True"#,
    },
    Snippet {
        lang: "python",
        prompt: "Given a list of @ENTS@ as dictionaries, return the @N@ `@KEY@` values with the highest total `@FIELD@`, ignoring cancelled ones.",
        code: r#"import heapq
from collections import defaultdict


def top_by_@FIELD@(@ENTS@, k=@N@):
    """Return the k @KEY@ values with the highest total @FIELD@."""
    totals = defaultdict(float)
    for @ENT@ in @ENTS@:
        if @ENT@.get("status") == "cancelled":
            continue
        totals[@ENT@["@KEY@"]] += @ENT@["@FIELD@"]
    return heapq.nlargest(k, totals.items(), key=lambda item: item[1])


print(top_by_@FIELD@([{"@KEY@": "a", "@FIELD@": @M@, "status": "paid"}]))"#,
    },
    Snippet {
        lang: "python",
        prompt: "Rows of @ENTS@ arrive with duplicates from a retrying producer. Keep only the newest version of each, sorted by `@KEY@`.",
        code: r#"def latest_@ENTS@(rows):
    """Keep only the newest version of each @ENT@, ordered by @KEY@."""
    newest = {}
    for row in rows:
        current = newest.get(row["id"])
        if current is None or row["updated_at"] > current["updated_at"]:
            newest[row["id"]] = row
    return sorted(newest.values(), key=lambda r: (r["@KEY@"], r["id"]))


def test_keeps_latest():
    rows = [
        {"id": @N@, "@KEY@": "x", "updated_at": 1},
        {"id": @N@, "@KEY@": "x", "updated_at": @M@},
    ]
    assert latest_@ENTS@(rows)[0]["updated_at"] == @M@"#,
    },
    Snippet {
        lang: "go",
        prompt: "Process a slice of @ENTS@ concurrently with at most `workers` goroutines, a @M@-second timeout per item, and stop at the first error.",
        code: "func Process@TYPE@s(ctx context.Context, items []@TYPE@, workers int) error {
\tg, ctx := errgroup.WithContext(ctx)
\tg.SetLimit(workers)
\tfor _, item := range items {
\t\tg.Go(func() error {
\t\t\tctx, cancel := context.WithTimeout(ctx, @M@*time.Second)
\t\t\tdefer cancel()
\t\t\tif err := handle@TYPE@(ctx, item); err != nil {
\t\t\t\treturn fmt.Errorf(\"@ENT@ %s: %w\", item.ID, err)
\t\t\t}
\t\t\treturn nil
\t\t})
\t}
\treturn g.Wait()
}",
    },
    Snippet {
        lang: "go",
        prompt: "Write a client helper that fetches one @ENT@ with retries: exponential backoff from @MS@ ms, at most @N@ attempts, and respect for context cancellation.",
        code: "func Fetch@TYPE@(ctx context.Context, c *Client, id string) (*@TYPE@, error) {
\tbackoff := @MS@ * time.Millisecond
\tfor attempt := 1; ; attempt++ {
\t\titem, err := c.Get@TYPE@(ctx, id)
\t\tif err == nil || attempt == @N@ || !isRetryable(err) {
\t\t\treturn item, err
\t\t}
\t\tselect {
\t\tcase <-time.After(backoff):
\t\t\tbackoff *= 2
\t\tcase <-ctx.Done():
\t\t\treturn nil, ctx.Err()
\t\t}
\t}
}",
    },
    Snippet {
        lang: "typescript",
        prompt: "Sum `@FIELDC@` per `@KEYC@` for all @ENTS@ created after a given date, and say how you would test it.",
        code: "interface @TYPE@ {
  id: string;
  @KEYC@: string;
  @FIELDC@: number;
  createdAt: Date;
}

export function totalsBy@KEYP@(items: @TYPE@[], since: Date): Map<string, number> {
  const totals = new Map<string, number>();
  for (const item of items) {
    if (item.createdAt < since) continue;
    const previous = totals.get(item.@KEYC@) ?? 0;
    totals.set(item.@KEYC@, previous + item.@FIELDC@);
  }
  return totals;
}",
    },
    Snippet {
        lang: "typescript",
        prompt: "Implement `debounce` and use it so that edits to a @ENT@ draft are saved at most once every @MS@ ms.",
        code: "export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs = @MS@) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, waitMs);
  };
}

const save@TYPE@Draft = debounce((draft: @TYPE@Draft) => {
  void api.put(`/@ENTS@/${draft.id}`, draft);
});",
    },
    Snippet {
        lang: "sql",
        prompt: "For each `@KEY@`, return the @N@ @ENTS@ with the highest `@FIELD@` over the last @M@ days.",
        code: "WITH ranked AS (
  SELECT
    @KEY@,
    id,
    @FIELD@,
    ROW_NUMBER() OVER (PARTITION BY @KEY@ ORDER BY @FIELD@ DESC, id) AS rn
  FROM @ENTS@
  WHERE created_at >= CURRENT_DATE - INTERVAL '@M@ days'
)
SELECT @KEY@, id, @FIELD@
FROM ranked
WHERE rn <= @N@
ORDER BY @KEY@, rn;",
    },
    Snippet {
        lang: "sql",
        prompt: "Build a monthly cohort table: how many `@KEY@` values were first seen each month, and how many were still active @M@ days later?",
        code: "WITH activity AS (
  SELECT
    @KEY@,
    created_at AS active_at,
    MIN(created_at) OVER (PARTITION BY @KEY@) AS first_seen
  FROM @ENTS@
)
SELECT
  DATE_TRUNC('month', first_seen) AS cohort,
  COUNT(DISTINCT @KEY@) AS cohort_size,
  COUNT(DISTINCT CASE
    WHEN active_at >= first_seen + INTERVAL '@M@ days' THEN @KEY@
  END) AS retained
FROM activity
GROUP BY 1
HAVING COUNT(DISTINCT @KEY@) >= @N@
ORDER BY cohort;",
    },
    Snippet {
        lang: "sql",
        prompt: "Find `@KEY@` values whose total `@FIELD@` this week fell by more than @N@0% compared with the previous week.",
        code: "WITH weekly AS (
  SELECT
    @KEY@,
    DATE_TRUNC('week', created_at) AS week,
    SUM(@FIELD@) AS total
  FROM @ENTS@
  WHERE created_at >= CURRENT_DATE - INTERVAL '14 days'
  GROUP BY 1, 2
)
SELECT
  @KEY@,
  total,
  LAG(total) OVER (PARTITION BY @KEY@ ORDER BY week) AS previous_total
FROM weekly
QUALIFY total < 0.@R@ * previous_total
ORDER BY @KEY@;",
    },
    Snippet {
        lang: "rust",
        prompt: "Parse a CSV export of @ENTS@ and sum column @COL@ (`@FIELD@`) per `@KEY@`, skipping malformed lines. Then discuss error handling.",
        code: "use std::collections::HashMap;

/// Sums `@FIELD@` per `@KEY@`, skipping the header and malformed lines.
pub fn totals_by_@KEY@(input: &str) -> HashMap<String, u64> {
    let mut totals = HashMap::new();
    for line in input.lines().skip(1) {
        let mut cols = line.split(',');
        let (Some(key), Some(value)) = (cols.next(), cols.nth(@COL@)) else {
            continue;
        };
        if let Ok(amount) = value.trim().parse::<u64>() {
            *totals.entry(key.to_string()).or_insert(0) += amount;
        }
    }
    totals
}",
    },
    Snippet {
        lang: "rust",
        prompt: "Compute a moving average of daily @ENT@ `@FIELD@` values with a window of @N@ days, in a single pass.",
        code: "/// Moving average over `window` values; early entries average what exists.
pub fn moving_average(values: &[f64], window: usize) -> Vec<f64> {
    assert!(window > 0, \"window must be positive\");
    let mut out = Vec::with_capacity(values.len());
    let mut sum = 0.0;
    for (i, v) in values.iter().enumerate() {
        sum += v;
        if i >= window {
            sum -= values[i - window];
        }
        out.push(sum / (i + 1).min(window) as f64);
    }
    out
}

// let smoothed = moving_average(&daily_@FIELD@, @N@);",
    },
    Snippet {
        lang: "java",
        prompt: "Merge overlapping @ENT@ time slots, treating gaps of up to @N@ minutes as overlapping.",
        code: "public final class @TYPE@Slots {
    record Slot(long start, long end) {}

    static List<Slot> merge(List<Slot> slots) {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparingLong(Slot::start));
        Deque<Slot> merged = new ArrayDeque<>();
        for (Slot s : sorted) {
            Slot last = merged.peekLast();
            if (last != null && s.start() <= last.end() + @N@) {
                merged.pollLast();
                merged.addLast(new Slot(last.start(), Math.max(last.end(), s.end())));
            } else {
                merged.addLast(s);
            }
        }
        return List.copyOf(merged);
    }
}",
    },
    Snippet {
        lang: "java",
        prompt: "Implement a small LRU cache for @ENT@ lookups holding at most @N@00 entries, and explain why it is not thread-safe.",
        code: "public class @TYPE@Cache<K, V> extends LinkedHashMap<K, V> {
    private final int capacity;

    public @TYPE@Cache(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}

var cache = new @TYPE@Cache<String, @TYPE@>(@N@00);",
    },
    Snippet {
        lang: "kotlin",
        prompt: "Summarise @ENTS@ by `@KEYC@`: total `@FIELDC@` for non-cancelled ones, keeping only groups of at least @N@.0.",
        code: "data class @TYPE@(val id: String, val @KEYC@: String, val @FIELDC@: Double, val status: String)

fun summarize(items: List<@TYPE@>): Map<String, Double> =
    items
        .filter { it.status != \"cancelled\" }
        .groupBy { it.@KEYC@ }
        .mapValues { (_, group) -> group.sumOf { it.@FIELDC@ } }
        .filterValues { it >= @N@.0 }
        .toSortedMap()

fun main() {
    val sample = listOf(@TYPE@(\"a1\", \"north\", @M@.5, \"paid\"))
    println(summarize(sample))
}",
    },
    Snippet {
        lang: "kotlin",
        prompt: "Write a `retrying` helper for suspend functions: @N@ attempts, backoff from @MS@ ms capped at @M@ seconds, retrying only I/O errors.",
        code: "suspend fun <T> retrying(
    times: Int = @N@,
    initialDelayMs: Long = @MS@,
    block: suspend () -> T,
): T {
    var delayMs = initialDelayMs
    repeat(times - 1) { attempt ->
        try {
            return block()
        } catch (e: IOException) {
            log.warn(\"@ENT@ attempt ${attempt + 1} failed: ${e.message}\")
        }
        delay(delayMs)
        delayMs = (delayMs * 2).coerceAtMost(@M@_000L)
    }
    return block()
}",
    },
];

const ENTITIES: [(&str, &str, &str); 20] = [
    ("order", "orders", "Order"),
    ("invoice", "invoices", "Invoice"),
    ("ticket", "tickets", "Ticket"),
    ("shipment", "shipments", "Shipment"),
    ("payment", "payments", "Payment"),
    ("booking", "bookings", "Booking"),
    ("refund", "refunds", "Refund"),
    ("claim", "claims", "Claim"),
    ("review", "reviews", "Review"),
    ("listing", "listings", "Listing"),
    ("message", "messages", "Message"),
    ("subscription", "subscriptions", "Subscription"),
    ("reservation", "reservations", "Reservation"),
    ("delivery", "deliveries", "Delivery"),
    ("transfer", "transfers", "Transfer"),
    ("appointment", "appointments", "Appointment"),
    ("quote", "quotes", "Quote"),
    ("session", "sessions", "Session"),
    ("upload", "uploads", "Upload"),
    ("trip", "trips", "Trip"),
];

const KEYS: &str =
    "customer_id|account_id|tenant_id|user_id|store_id|region|merchant_id|team_id|warehouse_id|country_code|plan_id|driver_id";
const FIELDS: &str = "amount|total|quantity|duration_ms|score|weight_kg|cost|revenue|distance_km|seats|points|fee";

// ---------------------------------------------------------------------------
// The generated world: vocabulary, sections and role identities
// ---------------------------------------------------------------------------

fn pool(list: &'static str) -> Vec<&'static str> {
    list.split('|').collect()
}

struct Vocab {
    qualifiers: Vec<&'static str>,
    industries: Vec<&'static str>,
    soft: Vec<&'static str>,
    verbs: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    orgs: Vec<&'static str>,
    nouns: Vec<&'static str>,
    stakeholders: Vec<&'static str>,
    metrics: Vec<&'static str>,
    concepts: Vec<&'static str>,
    constraints: Vec<&'static str>,
    times: Vec<&'static str>,
    events: Vec<&'static str>,
    heads: Vec<&'static str>,
    mids: Vec<&'static str>,
    tails: Vec<&'static str>,
    company_suffixes: Vec<&'static str>,
    keys: Vec<&'static str>,
    fields: Vec<&'static str>,
}

impl Vocab {
    fn new() -> Self {
        Vocab {
            qualifiers: pool(QUALIFIERS),
            industries: pool(INDUSTRIES),
            soft: pool(SOFT_SKILLS),
            verbs: pool(VERBS),
            adjectives: pool(ADJECTIVES),
            orgs: pool(ORGS),
            nouns: pool(NOUNS),
            stakeholders: pool(STAKEHOLDERS),
            metrics: pool(GENERAL_METRICS),
            concepts: pool(GENERAL_CONCEPTS),
            constraints: pool(CONSTRAINTS),
            times: pool(TIMES),
            events: pool(EVENTS),
            heads: pool(CODENAME_HEADS),
            mids: pool(CODENAME_MIDS),
            tails: pool(CODENAME_TAILS),
            company_suffixes: pool(COMPANY_SUFFIXES),
            keys: pool(KEYS),
            fields: pool(FIELDS),
        }
    }
}

struct Section {
    name: String,
    slug: String,
    def: &'static SectionDef,
    jobs: Vec<&'static str>,
    skills: Vec<&'static str>,
    concepts: Vec<&'static str>,
    metrics: Vec<&'static str>,
    code_terms: Vec<&'static str>,
}

fn build_sections(count: usize) -> Vec<Section> {
    (0..count)
        .map(|i| {
            let def = &SECTION_DEFS[i % SECTION_DEFS.len()];
            let round = i / SECTION_DEFS.len();
            let (name, slug) = if round == 0 {
                (def.name.to_string(), def.slug.to_string())
            } else {
                (format!("{} {}", def.name, round + 1), format!("{}-{}", def.slug, round + 1))
            };
            Section {
                name,
                slug,
                def,
                jobs: pool(def.jobs),
                skills: pool(def.skills),
                concepts: pool(def.concepts),
                metrics: pool(def.metrics),
                code_terms: pool(def.code_terms),
            }
        })
        .collect()
}

struct Role {
    section: usize,
    seniority: usize,
    /// Title without the trailing number, used in running text.
    base: String,
    /// Unique page title, e.g. "Senior Platform Engineer 17".
    title: String,
    slug: String,
}

fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn weighted(rng: &mut Rng, weights: impl Iterator<Item = usize> + Clone) -> usize {
    let total: usize = weights.clone().sum();
    let mut r = rng.below(total);
    for (i, w) in weights.enumerate() {
        if r < w {
            return i;
        }
        r -= w;
    }
    0
}

fn build_role(seed: u64, index: usize, sections: &[Section], vocab: &Vocab) -> Role {
    let mut rng = Rng::derive(seed, (index as u64) << 1);
    let section = weighted(&mut rng, sections.iter().map(|s| s.def.weight));
    let sec = &sections[section];
    let job = *rng.pick(&sec.jobs);
    let mut parts: Vec<&str> = Vec::new();
    let seniority = if sec.def.leveled {
        weighted(&mut rng, SENIORITY.iter().map(|s| s.4))
    } else {
        2
    };
    if !SENIORITY[seniority].0.is_empty() {
        parts.push(SENIORITY[seniority].0);
    }
    if sec.def.leveled && rng.chance(0.45) {
        parts.push(*rng.pick(&vocab.qualifiers));
    }
    parts.push(job);
    let base = parts.join(" ");
    let title = format!("{base} {}", index + 1);
    let slug = slugify(&title);
    Role {
        section,
        seniority,
        base,
        title,
        slug,
    }
}

struct World {
    vocab: Vocab,
    sections: Vec<Section>,
    roles: Vec<Role>,
    seed: u64,
}

impl World {
    fn new(args: &Args) -> Self {
        let vocab = Vocab::new();
        let sections = build_sections(args.sections);
        let roles = (0..args.roles).map(|i| build_role(args.seed, i, &sections, &vocab)).collect();
        World {
            vocab,
            sections,
            roles,
            seed: args.seed,
        }
    }

    fn url(&self, role: &Role) -> String {
        format!("/{}/{}/", self.sections[role.section].slug, role.slug)
    }
}

// ---------------------------------------------------------------------------
// Small text helpers
// ---------------------------------------------------------------------------

fn article(word: &str) -> &'static str {
    let lower = word.to_ascii_lowercase();
    let first = lower.chars().next().unwrap_or('x');
    let acronym = word.len() > 1 && word.chars().take(2).all(|c| c.is_ascii_uppercase());
    if acronym {
        return if "aefhilmnorsx".contains(first) { "an" } else { "a" };
    }
    let consonant_sound = ["uni", "use", "usa", "user", "one", "eu"];
    if consonant_sound.iter().any(|p| lower.starts_with(p)) {
        return "a";
    }
    if lower.starts_with("hour") || lower.starts_with("honest") {
        return "an";
    }
    if "aeiou".contains(first) { "an" } else { "a" }
}

/// Upper-cases the first letter, looking past leading `**` emphasis.
fn capitalize(mut text: String) -> String {
    let skip = text.len() - text.trim_start_matches('*').len();
    if let Some(first) = text[skip..].chars().next()
        && first.is_ascii_lowercase()
    {
        text.replace_range(skip..=skip, &first.to_ascii_uppercase().to_string());
    }
    text
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn number_word(n: u64) -> String {
    const WORDS: [&str; 17] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen",
    ];
    WORDS.get(n as usize).map_or_else(|| n.to_string(), |w| (*w).to_string())
}

fn toml_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_array(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Text key used to keep entries unique within a page (the anchor is derived from it).
fn entry_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn civil_from_days(days: i64) -> (i64, u64, u64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u64;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u64;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------
// Role metadata (front matter)
// ---------------------------------------------------------------------------

struct Salary {
    min: u64,
    max: u64,
    currency: &'static str,
    period: &'static str,
}

struct Meta {
    years: u64,
    demand: &'static str,
    industries: Vec<&'static str>,
    skills: Vec<&'static str>,
    soft: Vec<&'static str>,
    salary: Salary,
    date: i64,
    updated: Option<i64>,
}

/// 2023-01-01 as days since the Unix epoch.
const FIRST_DAY: i64 = 19_358;

fn round_to(value: f64, step: f64) -> u64 {
    ((value / step).round() * step).max(step) as u64
}

fn salary(rng: &mut Rng, section: &Section, seniority: usize) -> Salary {
    let jitter = 0.85 + rng.unit() * 0.3;
    let mid = f64::from(section.def.pay) * SENIORITY[seniority].3 * jitter;
    let r = rng.unit();
    let (currency, rate) = if r < 0.9 {
        ("USD", 1.0)
    } else if r < 0.95 {
        ("EUR", 0.88)
    } else {
        ("GBP", 0.77)
    };
    let low = mid * rate * (0.76 + rng.unit() * 0.14);
    let high = mid * rate * (1.12 + rng.unit() * 0.25);
    let r = rng.unit();
    let (period, step, divisor) = if r < 0.92 {
        ("year", 1000.0, 1.0)
    } else if r < 0.97 {
        ("month", 100.0, 12.0)
    } else {
        ("hour", 1.0, 2080.0)
    };
    let min = round_to(low / divisor, step);
    let max = round_to(high / divisor, step).max(min + step as u64);
    Salary {
        min,
        max,
        currency,
        period,
    }
}

fn meta(rng: &mut Rng, world: &World, role: &Role) -> Meta {
    let section = &world.sections[role.section];
    let (_, lo, hi, _, _) = SENIORITY[role.seniority];
    let (lo, hi) = if section.def.leveled { (lo, hi) } else { (7, 18) };
    let demand = ["low", "medium", "high"][weighted(rng, [20, 45, 35].into_iter())];
    let skill_count = rng.range(4, 9) as usize;
    let date = FIRST_DAY + rng.range(0, 1200) as i64;
    let updated = rng.chance(0.25).then(|| date + rng.range(1, 200) as i64);
    let industries = rng.range(1, 4) as usize;
    let soft = rng.range(2, 5) as usize;
    Meta {
        years: rng.range(lo, hi),
        demand,
        industries: rng.sample(&world.vocab.industries, industries),
        skills: rng.sample(&section.skills, skill_count),
        soft: rng.sample(&world.vocab.soft, soft),
        salary: salary(rng, section, role.seniority),
        date,
        updated,
    }
}

// ---------------------------------------------------------------------------
// Page generation
// ---------------------------------------------------------------------------

struct PageGen<'a> {
    rng: Rng,
    world: &'a World,
    index: usize,
    role: &'a Role,
    section: &'a Section,
    meta: Meta,
    /// Nesting level of `fill`, and the words used by the current top-level
    /// template, so one sentence does not repeat a skill or concept.
    depth: usize,
    recent: Vec<String>,
}

impl<'a> PageGen<'a> {
    fn new(world: &'a World, index: usize) -> Self {
        let role = &world.roles[index];
        let mut rng = Rng::derive(world.seed, ((index as u64) << 1) | 1);
        let meta = meta(&mut rng, world, role);
        PageGen {
            rng,
            world,
            index,
            role,
            section: &world.sections[role.section],
            meta,
            depth: 0,
            recent: Vec::new(),
        }
    }

    /// Expands `{key}` placeholders in a template.
    fn fill(&mut self, template: &str) -> String {
        if self.depth == 0 {
            self.recent.clear();
        }
        self.depth += 1;
        let mut out = String::with_capacity(template.len() + 96);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let after = &rest[start + 1..];
            let end = after.find('}').unwrap_or(after.len());
            let key = &after[..end];
            if let Some(inner) = key.strip_prefix("a:") {
                let word = self.expand(inner);
                out.push_str(article(&word));
                out.push(' ');
                out.push_str(&word);
            } else {
                let word = self.expand(key);
                out.push_str(&word);
            }
            rest = after.get(end + 1..).unwrap_or("");
        }
        out.push_str(rest);
        self.depth -= 1;
        out
    }

    /// Expands one placeholder, avoiding words already used in the sentence.
    fn expand(&mut self, key: &str) -> String {
        let mut word = self.expand_once(key);
        for _ in 0..4 {
            if !self.recent.contains(&word) {
                break;
            }
            word = self.expand_once(key);
        }
        self.recent.push(word.clone());
        word
    }

    fn expand_once(&mut self, key: &str) -> String {
        let world: &'a World = self.world;
        let v = &world.vocab;
        match key {
            "title" => self.role.base.clone(),
            "skill" => self.skill(),
            "concept" => self.concept(),
            "metric" => self.metric(),
            "industry" => self.industry(),
            "soft" => self.rng.pick(&self.meta.soft).to_string(),
            "soft_l" => {
                let soft: &&str = self.rng.pick(&v.soft);
                lower_first(soft)
            }
            "verb" => self.rng.pick(&v.verbs).to_string(),
            "adj" => self.rng.pick(&v.adjectives).to_string(),
            "org" => self.rng.pick(&v.orgs).to_string(),
            "noun" => self.rng.pick(&v.nouns).to_string(),
            "stake" => self.rng.pick(&v.stakeholders).to_string(),
            "company" => self.company(),
            "codeco" => self.codename_company(),
            "constraint" => self.nested(&v.constraints),
            "time" => self.nested(&v.times),
            "event" => self.nested(&v.events),
            "link" => self.link(),
            "code" => format!("`{}`", self.rng.pick(&self.section.code_terms)),
            "small" => self.rng.range(2, 9).to_string(),
            "pct" => format!("{}%", self.rng.range(1, 12) * 5),
            "years" => self.years_phrase(),
            "demand" => self.meta.demand.to_string(),
            other => other.to_string(),
        }
    }

    fn nested(&mut self, list: &[&'static str]) -> String {
        let template = *self.rng.pick(list);
        self.fill(template)
    }

    fn skill(&mut self) -> String {
        if self.rng.chance(0.7) {
            self.rng.pick(&self.meta.skills).to_string()
        } else {
            self.rng.pick(&self.section.skills).to_string()
        }
    }

    fn concept(&mut self) -> String {
        let text = if self.rng.chance(0.88) {
            *self.rng.pick(&self.section.concepts)
        } else {
            *self.rng.pick(&self.world.vocab.concepts)
        };
        if self.rng.chance(0.04) {
            format!("**{text}**")
        } else {
            text.to_string()
        }
    }

    fn metric(&mut self) -> String {
        if self.rng.chance(0.8) {
            self.rng.pick(&self.section.metrics).to_string()
        } else {
            self.rng.pick(&self.world.vocab.metrics).to_string()
        }
    }

    fn industry(&mut self) -> String {
        let list = if self.rng.chance(0.7) {
            &self.meta.industries
        } else {
            &self.world.vocab.industries
        };
        self.rng.pick(list).to_lowercase()
    }

    fn codename(&mut self) -> String {
        let v = &self.world.vocab;
        let head = *self.rng.pick(&v.heads);
        let mid = if self.rng.chance(0.6) { *self.rng.pick(&v.mids) } else { "" };
        let tail = *self.rng.pick(&v.tails);
        format!("{head}{mid}{tail}")
    }

    fn codename_company(&mut self) -> String {
        let name = self.codename();
        let suffix = *self.rng.pick(&self.world.vocab.company_suffixes);
        format!("{name} {suffix}")
    }

    fn company(&mut self) -> String {
        let adj = *self.rng.pick(&self.world.vocab.adjectives);
        let industry = self.industry();
        let org = *self.rng.pick(&self.world.vocab.orgs);
        format!("{adj} {industry} {org}")
    }

    fn link(&mut self) -> String {
        let roles = &self.world.roles;
        if roles.len() < 2 {
            return self.section.name.clone();
        }
        let mut other = self.rng.below(roles.len() - 1);
        if other >= self.index {
            other += 1;
        }
        let target = &roles[other];
        format!("[{}]({})", target.title, self.world.url(target))
    }

    fn years_phrase(&self) -> String {
        match self.meta.years {
            0 => "little or no prior".to_string(),
            1 => "at least a year".to_string(),
            n => format!("at least {} years", number_word(n)),
        }
    }

    // -- front matter ------------------------------------------------------

    fn front_matter(&mut self) -> String {
        let description = capitalize(self.nested(DESCRIPTIONS));
        let m = &self.meta;
        let mut out = String::with_capacity(640);
        out.push_str("+++\n");
        let _ = writeln!(out, "title = {}", toml_str(&self.role.title));
        let _ = writeln!(out, "description = {}", toml_str(&description));
        let _ = writeln!(out, "date = {}", format_date(m.date));
        if let Some(updated) = m.updated {
            let _ = writeln!(out, "updated = {}", format_date(updated));
        }
        out.push_str("[role]\n");
        let _ = writeln!(out, "experience_years = {}", m.years);
        let _ = writeln!(out, "demand = {}", toml_str(m.demand));
        let _ = writeln!(out, "industries = {}", toml_array(&m.industries));
        let _ = writeln!(out, "skills = {}", toml_array(&m.skills));
        let _ = writeln!(out, "soft_skills = {}", toml_array(&m.soft));
        out.push_str("[role.salary]\n");
        let s = &m.salary;
        let _ = writeln!(out, "min = {}", s.min);
        let _ = writeln!(out, "max = {}", s.max);
        let _ = writeln!(out, "currency = {}", toml_str(s.currency));
        let _ = writeln!(out, "period = {}", toml_str(s.period));
        out.push_str("+++\n");
        out
    }

    // -- body --------------------------------------------------------------

    fn paragraph(&mut self, sentences: usize) -> String {
        let mut used = HashSet::new();
        let mut parts = Vec::with_capacity(sentences);
        while parts.len() < sentences {
            let i = self.rng.below(INTRO_SENTENCES.len());
            if used.insert(i) {
                parts.push(capitalize(self.fill(INTRO_SENTENCES[i])));
            }
        }
        parts.join(" ")
    }

    fn intro(&mut self) -> String {
        let sentences = self.rng.range(2, 4) as usize;
        let mut out = self.paragraph(sentences);
        out.push_str("\n\n");
        if self.rng.chance(0.5) {
            let sentences = self.rng.range(2, 3) as usize;
            out.push_str(&self.paragraph(sentences));
            out.push_str("\n\n");
        }
        out
    }

    /// An entry from `templates` that is unique within the page, preferring
    /// templates not yet `used` in the current list.
    fn entry(&mut self, templates: &[&'static str], seen: &mut HashSet<String>, used: &mut Vec<usize>) -> String {
        for attempt in 0..64 {
            let i = self.rng.below(templates.len());
            if attempt < 8 && used.contains(&i) {
                continue;
            }
            let text = capitalize(self.fill(templates[i]));
            if seen.insert(entry_key(&text)) {
                used.push(i);
                return text;
            }
        }
        let text = capitalize(self.fill(templates[0]));
        let text = format!("{text} (variant {})", seen.len());
        seen.insert(entry_key(&text));
        text
    }

    fn guide_section(&mut self, kind: usize, budget: usize, seen: &mut HashSet<String>, out: &mut String) {
        let templates = [SCREENING, TECHNICAL, BEHAVIORAL, LOOK_FOR, PITFALLS][kind];
        let start = out.len();
        let _ = write!(out, "## {}\n\n", HEADINGS[kind]);
        let lead = capitalize(self.nested(LEADS[kind]));
        let _ = write!(out, "{lead}\n\n");
        let mut items = 0;
        let mut used = Vec::new();
        while items < 8 && (items < 5 || out.len() - start < budget) {
            let text = self.entry(templates, seen, &mut used);
            let _ = writeln!(out, "- {text}");
            if kind < 3 && self.rng.chance(0.12) {
                let tip = capitalize(self.nested(TIPS));
                let _ = write!(out, "\n  {tip}\n");
            }
            items += 1;
        }
        out.push('\n');
    }

    fn exercise(&mut self) -> String {
        let lang = if self.section.def.tech {
            *self.rng.pick(&["python", "go", "typescript", "sql", "rust", "java", "kotlin"])
        } else if self.rng.chance(0.7) {
            "sql"
        } else {
            "python"
        };
        let candidates: Vec<&Snippet> = SNIPPETS.iter().filter(|s| s.lang == lang).collect();
        let snippet = *self.rng.pick(&candidates);
        let markers = self.markers();
        let prompt = apply_markers(snippet.prompt, &markers);
        let code = apply_markers(snippet.code, &markers);
        let lead = capitalize(self.nested(LEADS[5]));
        let mut out = format!("## Live Coding Exercise\n\n{lead}\n\n- {prompt}\n\n");
        let _ = writeln!(out, "  ```{lang}");
        for line in code.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "  {line}");
            }
        }
        out.push_str("  ```\n");
        let follow_ups = self.rng.range(1, 2) as usize;
        let (mut seen, mut used) = (HashSet::new(), Vec::new());
        for _ in 0..follow_ups {
            let text = self.entry(FOLLOW_UPS, &mut seen, &mut used);
            let _ = writeln!(out, "- {text}");
        }
        out
    }

    fn markers(&mut self) -> Vec<(&'static str, String)> {
        let (ent, ents, ty) = *self.rng.pick(&ENTITIES);
        let key = *self.rng.pick(&self.world.vocab.keys);
        let field = *self.rng.pick(&self.world.vocab.fields);
        vec![
            ("@ENTS@", ents.to_string()),
            ("@ENT@", ent.to_string()),
            ("@TYPE@", ty.to_string()),
            ("@KEYC@", camel(key, false)),
            ("@KEYP@", camel(key, true)),
            ("@KEY@", key.to_string()),
            ("@FIELDC@", camel(field, false)),
            ("@FIELD@", field.to_string()),
            ("@N@", self.rng.range(2, 9).to_string()),
            ("@M@", self.rng.range(5, 90).to_string()),
            ("@MS@", (self.rng.range(1, 10) * 50).to_string()),
            ("@COL@", self.rng.range(1, 4).to_string()),
            ("@R@", self.rng.range(5, 9).to_string()),
        ]
    }

    fn body(&mut self, target: usize, fm_len: usize) -> String {
        let mut out = self.intro();
        let exercise = self.rng.chance(1.0 / 3.0).then(|| self.exercise());
        let reserve = fm_len + exercise.as_ref().map_or(0, String::len);
        let mut seen = HashSet::new();
        for kind in 0..HEADINGS.len() {
            let used = reserve + out.len();
            let left = HEADINGS.len() - kind;
            let budget = target.saturating_sub(used) / left;
            self.guide_section(kind, budget, &mut seen, &mut out);
        }
        if let Some(exercise) = exercise {
            out.push_str(&exercise);
        } else {
            out.pop();
        }
        out
    }

    /// The whole page, retried until it lands in the 3–5 KB window.
    fn render(&mut self) -> String {
        let front = self.front_matter();
        let mut page = String::new();
        for _ in 0..24 {
            let target = self.rng.range(3300, 4900) as usize;
            let body = self.body(target, front.len() + 1);
            page = format!("{front}\n{body}");
            if (MIN_PAGE..=MAX_PAGE).contains(&page.len()) {
                break;
            }
        }
        page
    }
}

const MIN_PAGE: usize = 3 * 1024;
const MAX_PAGE: usize = 5 * 1024;

fn camel(snake: &str, upper_first: bool) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = upper_first;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn apply_markers(text: &str, markers: &[(&str, String)]) -> String {
    markers
        .iter()
        .fold(text.to_string(), |acc, (marker, value)| acc.replace(marker, value))
}

// ---------------------------------------------------------------------------
// Site files
// ---------------------------------------------------------------------------

const CONFIG: &str = "title = \"Generated Interview Guide\"
description = \"A generated corpus for benchmarks\"
base_url = \"https://example.org\"
";

fn home_page(world: &World) -> String {
    let links: Vec<String> = world.sections.iter().map(|s| format!("[{}](/{}/)", s.name, s.slug)).collect();
    format!(
        "+++\ntitle = \"Generated Interview Guide\"\ndescription = \"A generated corpus of {} role guides for benchmarks.\"\n+++\n\n\
         This guide was generated for benchmarks and tests. It holds {} role guides across {} sections: {}.\n\n\
         Each role page lists salary, demand and skills, followed by screening, technical and behavioral questions.\n",
        world.roles.len(),
        world.roles.len(),
        world.sections.len(),
        links.join(", ")
    )
}

fn section_page(world: &World, index: usize) -> String {
    let s = &world.sections[index];
    let count = world.roles.iter().filter(|r| r.section == index).count();
    format!(
        "+++\ntitle = {}\ndescription = {}\nweight = {}\nsort_by = \"title\"\n+++\n\n\
         {} This section holds {count} generated role guides, sorted by title.\n",
        toml_str(&s.name),
        toml_str(s.def.blurb),
        index + 1,
        s.def.blurb
    )
}

fn prepare_output(out: &Path, force: bool) -> Result<(), String> {
    let content = out.join("content");
    if content.exists() {
        if !force {
            return Err(format!("{} already exists; pass --force to replace it", content.display()));
        }
        fs::remove_dir_all(&content).map_err(|e| format!("cannot remove {}: {e}", content.display()))?;
    }
    fs::create_dir_all(&content).map_err(|e| format!("cannot create {}: {e}", content.display()))
}

fn write_file(path: &Path, text: &str, total: &mut u64) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    *total += text.len() as u64;
    Ok(())
}

struct Totals {
    all_bytes: u64,
    page_bytes: u64,
    min_page: usize,
    max_page: usize,
}

fn write_site(world: &World, out: &Path, languages: usize) -> Result<Totals, String> {
    let content = out.join("content");
    let mut totals = Totals {
        all_bytes: 0,
        page_bytes: 0,
        min_page: usize::MAX,
        max_page: 0,
    };
    let translations = &TRANSLATIONS[..languages - 1];
    let mut config = CONFIG.to_string();
    for language in translations {
        let _ = write!(
            config,
            "\n[languages.{}]\ntitle = {}\n",
            language.code,
            toml_str(&language.translate(CONFIG_TITLE))
        );
    }
    // A page and its pseudo-translations, `name.md` then `name.<code>.md`.
    let write_versions = |dir: &Path, name: &str, page: &str, totals: &mut Totals| -> Result<(), String> {
        write_file(&dir.join(format!("{name}.md")), page, &mut totals.all_bytes)?;
        for language in translations {
            write_file(
                &dir.join(format!("{name}.{}.md", language.code)),
                &language.translate_page(page),
                &mut totals.all_bytes,
            )?;
        }
        Ok(())
    };
    write_file(&out.join("config.toml"), &config, &mut totals.all_bytes)?;
    write_versions(&content, "_index", &home_page(world), &mut totals)?;
    for (i, section) in world.sections.iter().enumerate() {
        let dir = content.join(&section.slug);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        write_versions(&dir, "_index", &section_page(world, i), &mut totals)?;
    }
    for (i, role) in world.roles.iter().enumerate() {
        let page = PageGen::new(world, i).render();
        let dir = content.join(&world.sections[role.section].slug);
        write_versions(&dir, &role.slug, &page, &mut totals)?;
        totals.page_bytes += page.len() as u64;
        totals.min_page = totals.min_page.min(page.len());
        totals.max_page = totals.max_page.max(page.len());
    }
    Ok(totals)
}

// ---------------------------------------------------------------------------
// Pseudo-translations (--languages)
// ---------------------------------------------------------------------------

/// A language the generated pages are "translated" into: not a translation, but text with
/// the shape of one for the search index (its own words, inflections the stemmer removes,
/// no spaces in Japanese), made word by word from the English page.
struct Translation {
    code: &'static str,
    /// English words and their translations, `english:translated|...`.
    words: &'static str,
    /// Endings added to other words of four letters or more, picked by the word's hash.
    endings: &'static [&'static str],
    /// Japanese: every word becomes characters of this pool followed by a particle.
    cjk: Option<(&'static str, &'static [&'static str])>,
}

const TRANSLATIONS: [Translation; 3] = [
    Translation {
        code: "de",
        words: "the:die|a:ein|an:ein|and:und|or:oder|of:von|to:zu|in:in|on:auf|for:für|with:mit|you:Sie|your:Ihr|how:wie|what:was|why:warum|when:wann|which:welche|would:würden|do:tun|does:tut|is:ist|are:sind|be:sein|have:haben|has:hat|this:diese|that:dass|it:es|we:wir|team:Team|questions:Fragen|question:Frage|role:Rolle|interview:Vorstellungsgespräch|experience:Erfahrung|describe:beschreiben|explain:erklären|design:entwerfen|data:Daten|time:Zeit",
        endings: &["en", "ung", "er", "ungen", "lich", "heit", "e", ""],
        cjk: None,
    },
    Translation {
        code: "fr",
        words: "the:le|a:un|an:une|and:et|or:ou|of:de|to:à|in:dans|on:sur|for:pour|with:avec|you:vous|your:votre|how:comment|what:quel|why:pourquoi|when:quand|which:lequel|would:feriez|do:faites|does:fait|is:est|are:sont|be:être|have:avez|has:a|this:ce|that:que|it:il|we:nous|team:équipe|questions:questions|question:question|role:rôle|interview:entretien|experience:expérience|describe:décrivez|explain:expliquez|design:concevoir|data:données|time:temps",
        endings: &["ment", "tion", "é", "er", "es", "ité", "", ""],
        cjk: None,
    },
    Translation {
        code: "ja",
        words: "",
        endings: &[],
        cjk: Some((
            "設計開発経験説明質問面接技術管理運用分析品質性能安全障害検証改善計画実装構築評価報告調査対応組織役割責任方法理由問題解決顧客製品市場価値データベースサーバーシステムチームプロセステストコードレビュー",
            &["の", "を", "は", "に", "で", "と", "", ""],
        )),
    },
];

/// The English site title, which each language's `[languages.<code>]` table translates.
const CONFIG_TITLE: &str = "Generated Interview Guide";

/// FNV-1a of a word: which translation it gets.
fn word_hash(word: &str) -> u64 {
    word.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

impl Translation {
    /// One English word in this language.
    fn word(&self, word: &str) -> String {
        let lower = word.to_ascii_lowercase();
        let hash = word_hash(&lower);
        if let Some((pool, particles)) = self.cjk {
            let pool: Vec<char> = pool.chars().collect();
            let len = 2 + (hash % 2) as usize;
            let mut out: String = (0..len).map(|i| pool[((hash >> (8 * i)) % pool.len() as u64) as usize]).collect();
            out.push_str(particles[((hash >> 40) % particles.len() as u64) as usize]);
            return out;
        }
        let known = self
            .words
            .split('|')
            .find_map(|pair| pair.split_once(':').filter(|(en, _)| *en == lower));
        let mut out = match known {
            Some((_, translated)) => translated.to_string(),
            None if lower.len() >= 4 => format!("{lower}{}", self.endings[(hash % self.endings.len() as u64) as usize]),
            None => lower,
        };
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            out = out
                .chars()
                .next()
                .map(|c| c.to_uppercase().chain(out.chars().skip(1)).collect())
                .unwrap_or(out);
        }
        out
    }

    /// Prose in this language: words of ASCII letters are translated, everything else kept;
    /// in Japanese the spaces between words go.
    fn translate(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if !word.is_empty() {
                out.push_str(&self.word(word));
                word.clear();
            }
        };
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_ascii_alphabetic() {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            let joins_words = self.cjk.is_some() && c == ' ' && chars.peek().is_some_and(char::is_ascii_alphabetic);
            if !(joins_words && out.chars().last().is_some_and(|p| !p.is_ascii())) {
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    /// A whole page: the front matter's title and description, headings and prose are
    /// translated; code (fenced and inline), link targets and the rest of the front matter
    /// are kept.
    fn translate_page(&self, page: &str) -> String {
        let mut out = String::with_capacity(page.len() * 2);
        let (mut front_matter, mut fence) = (false, false);
        for line in page.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if trimmed == "+++" {
                front_matter = !front_matter;
                out.push_str(line);
            } else if front_matter {
                match line.split_once(" = \"") {
                    Some((key @ ("title" | "description"), value)) => {
                        let _ = write!(out, "{key} = \"{}", self.translate(value));
                    }
                    _ => out.push_str(line),
                }
            } else if trimmed.starts_with("```") {
                fence = !fence;
                out.push_str(line);
            } else if fence {
                out.push_str(line);
            } else {
                out.push_str(&self.translate_prose(line));
            }
        }
        out
    }

    /// A line of Markdown prose, keeping inline code and link targets.
    fn translate_prose(&self, line: &str) -> String {
        let mut out = String::with_capacity(line.len() * 2);
        let mut rest = line;
        while let Some(start) = rest.find(['`', ']']) {
            let (text, kept) = rest.split_at(start);
            out.push_str(&self.translate(text));
            let end = if let Some(code) = kept.strip_prefix('`') {
                code.find('`').map(|e| e + 2)
            } else if kept.starts_with("](") {
                kept.find(')').map(|e| e + 1)
            } else {
                Some(1)
            };
            let end = end.unwrap_or(kept.len());
            out.push_str(&kept[..end]);
            rest = &kept[end..];
        }
        out.push_str(&self.translate(rest));
        out
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let world = World::new(args);
    prepare_output(&args.out, args.force)?;
    let totals = write_site(&world, &args.out, args.languages)?;
    let roles = world.roles.len();
    println!(
        "gen_corpus: {roles} roles, {} sections, {} bytes total ({:.1} MiB; pages avg {} B, min {}, max {}) in {} [seed {}, {:.2}s]",
        world.sections.len(),
        totals.all_bytes,
        totals.all_bytes as f64 / (1024.0 * 1024.0),
        totals.page_bytes / roles as u64,
        totals.min_page,
        totals.max_page,
        args.out.display(),
        args.seed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("gen_corpus: error: {message}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("gen_corpus: error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
