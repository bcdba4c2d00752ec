//! `atlas-prerender --site DIR [--bundle FILE]`: writes every public route of a built
//! site (DIR, with the app's index.html) as a static page, readable before the app has
//! loaded: `DIR/index.html`, `DIR/variation/index.html`, …. The data are the bundle's
//! (a published site) or the embedded Leicester City default.

use atlas_pages::prerender::{file_for, static_pages, with_page};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(written) => {
            eprintln!("[prerender] wrote {written} pages");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("atlas-prerender: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<usize, String> {
    let usage = "usage: atlas-prerender --site DIR [--bundle FILE]";
    let (mut site, mut bundle) = (None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--site" => site = Some(PathBuf::from(args.next().ok_or(usage)?)),
            "--bundle" => bundle = Some(PathBuf::from(args.next().ok_or(usage)?)),
            _ => return Err(format!("unknown argument {arg:?}; {usage}")),
        }
    }
    let site = site.ok_or(usage)?;
    let index = site.join("index.html");
    let shell = std::fs::read_to_string(&index)
        .map_err(|e| format!("{}: {e} (build the site first)", index.display()))?;
    let workspace = match bundle {
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let bundle =
                atlas_core::bundle::read(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            // As the app holds it once fetched: published, from the bundle's files.
            let mut workspace = bundle.workspace;
            workspace.source = atlas_core::model::DataSource::Published {
                files: bundle.files,
            };
            workspace
        }
        None => atlas_core::default_data::leicester_city(),
    };
    let pages = static_pages(&workspace);
    for page in &pages {
        let html = with_page(&shell, &workspace, page)?;
        let file = site.join(file_for(&page.path));
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        }
        std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(pages.len())
}
