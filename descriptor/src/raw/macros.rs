//! `raw_struct!`: one definition of a raw object type, giving the struct (with schemars
//! attributes), its [`super::FromJson`] and serde `Deserialize` impls and its [`super::Expect`].

/// Defines a raw object type. `req` fields are required (`Req<T>`), `opt` fields optional
/// (`Opt<T>`); JSON keys are the field names (`r#in` → `in`); other keys land in `extra`.
macro_rules! raw_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident as $schema:literal {
            req { $( $(#[$rmeta:meta])* $rf:ident: $rt:ty, )* }
            opt { $( $(#[$ometa:meta])* $of:ident: $ot:ty, )* }
        }
    ) => {
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = $schema))]
        $(#[$meta])*
        pub struct $name {
            $( $(#[$rmeta])* pub $rf: $crate::raw::Req<$rt>, )*
            $( $(#[$ometa])* #[cfg_attr(feature = "schema", serde(default))] pub $of: $crate::raw::Opt<$ot>, )*
            /// Members this version does not know.
            #[cfg_attr(feature = "schema", serde(flatten))]
            pub extra: $crate::raw::Extra,
        }

        impl $crate::raw::FromJson for $name {
            fn from_json(v: &serde_json::Value) -> Option<Self> {
                use $crate::raw::{unraw, Lenient};
                let m = v.as_object()?;
                let known = [$(unraw(stringify!($rf)),)* $(unraw(stringify!($of)),)*];
                Some($name {
                    $( $rf: $crate::raw::Req(Lenient::member(m.get(unraw(stringify!($rf))))), )*
                    $( $of: $crate::raw::Opt(Lenient::member(m.get(unraw(stringify!($of))))), )*
                    extra: $crate::raw::extra(m, &known),
                })
            }
        }

        impl $crate::raw::Expect for $name {
            const WHAT: &'static str = "an object";
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                <Self as $crate::raw::FromJson>::from_json(&v)
                    .ok_or_else(|| serde::de::Error::custom(concat!("expected an object (", $schema, ")")))
            }
        }
    };
}
