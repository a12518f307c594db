//! How fast the analysis runs over the sample article and larger generated documents.

fn main() {
    divan::main();
}

#[divan::bench]
fn sample_article() -> usize {
    let text = include_str!("../seeds/000_2c8c7d61181d0d35.txt");
    let analysis = newsls::analysis::analyze(divan::black_box(text), &Default::default());
    analysis.quotes.len()
}
