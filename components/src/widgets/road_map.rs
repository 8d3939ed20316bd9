//! The picture of the city's main roads, coloured by congestion (inline SVG).

use super::model::board::{map_label, Road};
use super::model::roads::{layout, points_attr, shows_river, view_box, HEIGHT, RIVER, WIDTH};
use crate::kit::util::shared;
use leptos::prelude::*;

/// An inline SVG (`role="img"`, named by a summary of the roads by level, also its `<title>`)
/// with one numbered stroke per road, `data-tone` from its level; the list next to it is
/// the text alternative.
#[component]
pub fn RoadMap(
    /// The roads, numbered as in the list.
    roads: Vec<Road>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let names: Vec<String> = roads.iter().map(|r| r.name.text("zh-CN", false)).collect();
    let strokes = layout(&names);
    let river = shows_river(&strokes)
        .then(|| view! { <polyline class="cp-roadmap__river" points=points_attr(RIVER) /> });
    let lines = roads
        .iter()
        .zip(&strokes)
        .map(|(r, s)| view! { <polyline class="cp-roadmap__road" data-tone=r.tone() points=points_attr(&s.points) /> })
        .collect_view();
    let labels = roads
        .iter()
        .zip(&strokes)
        .map(|(r, s)| {
            let (x, y) = s.label;
            view! {
                <g class="cp-roadmap__label" data-tone=r.tone()>
                    <circle cx=x cy=y r="8" />
                    <text x=x y=y dy="0.35em" text-anchor="middle">{r.number}</text>
                </g>
            }
        })
        .collect_view();
    let label = shared(move || map_label(&roads, &locale.get()));
    let title = label.clone();
    view! {
        <svg class="cp-roadmap" role="img" viewBox=view_box() aria-label=label
            preserveAspectRatio="xMidYMid meet" focusable="false">
            <title>{title}</title>
            <rect class="cp-roadmap__ground" x="0" y="0" width=WIDTH height=HEIGHT rx="8" />
            {river}
            {lines}
            {labels}
        </svg>
    }
}
