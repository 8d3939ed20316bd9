//! The status-board result widget: road segments and their levels, refreshed periodically.

use super::model::board::roads;
use super::next_id;
use super::RoadMap;
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{MapStyle, ResponseSpec, StatusBoardSpec};
use gloo_timers::callback::Interval;
use leptos::prelude::*;

/// The roads as a list (number, name, level with its tone) and, with `map: "roads"`, as a
/// picture. With `refresh_s` and `on_refresh`, an interval owned by this component asks for
/// a refresh every `refresh_s` seconds (stopped on unmount), with a pause toggle.
#[component]
pub fn StatusBoard(
    /// The widget's section of the descriptor.
    spec: StatusBoardSpec,
    /// The response mapping (personal-data classes of the fields).
    response: ResponseSpec,
    /// The mapped records, one per road segment (a refresh replaces them in place).
    #[prop(into)]
    records: Signal<Vec<Record>>,
    /// Display locale.
    locale: Signal<String>,
    /// Re-runs the query in the background.
    #[prop(optional)]
    on_refresh: Option<Callback<()>>,
) -> impl IntoView {
    let list_id = next_id("roads");
    let (refresh_s, map_style) = (spec.refresh_s, spec.map);
    let road_list = Memo::new(move |_| records.with(|r| roads(&spec, &response, r)));
    let map = (map_style == Some(MapStyle::Roads)).then(|| {
        redraw(move || view! { <RoadMap roads=road_list.get() locale=locale /> }.into_any())
    });
    let items = redraw(move || {
        road_list
            .get()
            .into_iter()
            .map(|r| {
                let (tone, code) = (r.tone(), r.level.code().unwrap_or_default().to_string());
                let (name, level) = (r.name, r.level);
                view! {
                    <li class="cp-board__road" data-tone=tone>
                        <span class="cp-board__num" aria-hidden="true">{r.number}</span>
                        <span class="cp-board__name">{move || name.text(&locale.get(), false)}</span>
                        <span class="cp-board__level" data-code=code data-tone=tone>{move || level.text(&locale.get(), false)}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    });
    let refresh = refresh_s.zip(on_refresh).map(|(seconds, on_refresh)| {
        let paused = RwSignal::new(false);
        let timer = Interval::new(seconds.saturating_mul(1000), move || {
            if !paused.try_get_untracked().unwrap_or(true) {
                on_refresh.run(());
            }
        });
        // The timer is not `Send`: kept in local storage, dropped (stopped) on unmount.
        let timer = StoredValue::new_local(Some(timer));
        on_cleanup(move || {
            timer.try_update_value(|t| t.take().map(Interval::cancel));
        });
        view! {
            <div class="cp-board__refresh">
                <p class="cp-board__every">{move || crate::i18n::catalog(&locale.get()).refresh_every(seconds)}</p>
                <button type="button" class="cp-button cp-button--secondary cp-board__pause"
                    aria-pressed=move || if paused.get() { "true" } else { "false" }
                    on:click=click(move |_| paused.update(|p| *p = !*p))>
                    {move || t(&locale.get(), Msg::PauseRefresh)}
                </button>
            </div>
        }
    });
    view! {
        <div class="cp-board">
            {map}
            <h3 class="cp-board__title" id=list_id.clone()>{move || t(&locale.get(), Msg::RoadList)}</h3>
            <ul class="cp-board__list" aria-labelledby=list_id>{items}</ul>
            {refresh}
        </div>
    }
}
