//! End to end: a state's short name links to the state of the article's time ("the Free
//! State" of 1923 is the Irish Free State), not inside a longer name ("the Congo Free
//! State") nor in an undated article, which cannot tell which; and a former state counts as
//! its country when a bare house ("the Senate") is read as that country's.

mod common;

use common::{Scratch, entities_of, has};

#[test]
fn the_free_state_is_the_one_of_the_article_s_time() {
    let s = Scratch::with_files(&[
        (
            "1923-05-01-seanad.txt",
            "Senate meets\n\nLONDON, May 1. - The Senate, the upper house of the new \
             parliament, met for the first time to-day. Mr. Cosgrave said the Free State \
             would pay its share of the debt to London, and the Free State will send a \
             delegate to Geneva. The Irish Free State has no army abroad.\n",
        ),
        (
            "1903-06-02-rubber.txt",
            "Rubber traders complain\n\nLONDON, June 2. - Merchants trading in the Congo \
             Free State complained to the Foreign Office of the new tax on rubber.\n",
        ),
        (
            "burghers.txt",
            "Burghers ride out\n\nThe burghers of the Free State rode to the border at dawn, \
             their commandant said.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "delegate", "place");
    assert!(has(&places, "Irish Free State"), "{places:?}");
    assert!(!has(&places, "Free State"), "{places:?}");
    let orgs = entities_of(&s, "delegate", "org");
    assert!(has(&orgs, "Seanad Eireann"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.contains("Senate")), "{orgs:?}");
    let places = entities_of(&s, "rubber", "place");
    assert!(has(&places, "Congo Free State"), "{places:?}");
    assert!(!has(&places, "Irish Free State"), "{places:?}");
    let places = entities_of(&s, "burghers", "place");
    assert!(!has(&places, "Irish Free State"), "{places:?}");
}
