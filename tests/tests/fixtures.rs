//! The generator's feature fixtures, compiled: every `wsdl/fixtures/<case>/expected.rs` is
//! included as a module, its `example.xml` is decoded and checked field by field against values
//! written here by hand from the XML, written back and compared canonically, and every type it
//! defines survives a property-based round trip. Negative checks show where errors point.
//!
//! The expected files are written by `UPDATE_EXPECT=1 cargo test -p wsdl-codegen --test
//! fixtures`; the modules are `pub` so the generated items count as used.

use std::fmt::Debug;

use proptest::arbitrary::Arbitrary;
use proptest::prelude::any;
use proptest::test_runner::{TestCaseError, TestRunner};
use soap_runtime::codec::{from_xml_as, to_xml_as};
use soap_runtime::xml::DecodeErrorKind;
use soap_runtime::{DecodeError, XmlElement, XmlType, from_xml, to_xml};
use tests::canonical;

/// The bytes of `wsdl/fixtures/<case>/example.xml`.
macro_rules! example {
    ($case:literal) => {{
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../wsdl/fixtures/",
            $case,
            "/example.xml"
        );
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }};
}

/// Runs a property test: every value of `T` written as `{urn:test}v` reads back equal.
fn round_trips<T>()
where
    T: Arbitrary + XmlType + PartialEq + Debug,
{
    let mut runner = TestRunner::default();
    let result = runner.run(&any::<T>(), |value| {
        let xml = to_xml_as(&value, "urn:test", "v")
            .map_err(|e| TestCaseError::fail(format!("cannot write {value:?}: {e}")))?;
        let again = from_xml_as::<T>(&xml, "urn:test", "v").map_err(|e| {
            TestCaseError::fail(format!(
                "cannot read back {}: {e}",
                String::from_utf8_lossy(&xml)
            ))
        })?;
        if again != value {
            return Err(TestCaseError::fail(format!(
                "read back {again:?} from {}",
                String::from_utf8_lossy(&xml)
            )));
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{}: {error}", std::any::type_name::<T>());
    }
}

/// Property-tests every type a fixture module lists in its `for_each_type!` macro.
macro_rules! every_type_round_trips {
    () => {
        #[test]
        fn every_type_round_trips() {
            macro_rules! check {
                ($ty:ty) => {
                    super::round_trips::<$ty>();
                };
            }
            for_each_type!(check);
        }
    };
}

/// Writes `value` and compares it canonically with the example it was read from.
fn assert_writes_back<T: XmlElement>(value: &T, example: &[u8]) {
    let written = to_xml(value).unwrap_or_else(|e| panic!("cannot write: {e}"));
    let expected = canonical::parse(example).unwrap_or_else(|e| panic!("bad example: {e}"));
    canonical::assert_same_xml(&expected, &written);
}

/// Decodes `xml` as `T`, which must fail; returns the error.
fn decode_error<T: XmlElement + Debug>(xml: &str) -> DecodeError {
    match from_xml::<T>(xml.as_bytes()) {
        Ok(value) => panic!("decoded {value:?} from input that must be refused:\n{xml}"),
        Err(error) => error,
    }
}

/// The example with `from` replaced by `to` (exactly once), as a string.
fn edited(example: &[u8], from: &str, to: &str) -> String {
    let text = std::str::from_utf8(example).unwrap_or_else(|e| panic!("example not UTF-8: {e}"));
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

/// Whether `kind` is an invalid-value error for `expected` with text `found`.
fn is_invalid_value(kind: &DecodeErrorKind, expected_type: &str, found_text: &str) -> bool {
    matches!(kind, DecodeErrorKind::InvalidValue { expected, found, .. }
        if *expected == expected_type && found == found_text)
}

/// Plain sequences, nested named types, and wrappers with empty and non-empty sequences.
pub mod sequence {
    include!("../../wsdl/fixtures/sequence/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("sequence");
        let response: GetCustomerResponse = from_xml(&xml).unwrap();
        let customer = &response.get_customer_result;
        assert_eq!(customer.id, 4711);
        assert_eq!(customer.name, "Nordlys & Fjord AS");
        assert_eq!(customer.address.street, "Storgata 1");
        assert_eq!(customer.address.city, "Tromsø");
        assert_eq!(customer.address.postal_code, "9008");
        assert_eq!(customer.address.country, "NO");
        assert_eq!(customer.contact.email, "post@nordlys.example");
        assert_eq!(customer.contact.phone, "+47 77 00 00 00");
        assert_writes_back(&response, &xml);
    }

    #[test]
    fn empty_sequence_reads_any_content_and_writes_nothing() {
        let ping: Ping = from_xml(
            br#"<Ping xmlns="http://fixtures.example.com/sequence"><Future>1</Future></Ping>"#,
        )
        .unwrap();
        assert_eq!(ping, Ping {});
        assert_eq!(
            String::from_utf8(to_xml(&ping).unwrap()).unwrap(),
            r#"<ns0:Ping xmlns:ns0="http://fixtures.example.com/sequence"/>"#
        );
        let pong: PingResponse = from_xml(
            br#"<PingResponse xmlns="http://fixtures.example.com/sequence"><PingResult>pong</PingResult></PingResponse>"#,
        )
        .unwrap();
        assert_eq!(pong.ping_result, "pong");
    }

    #[test]
    fn elements_are_accepted_in_any_order() {
        let xml = r#"<GetCustomerResponse xmlns="http://fixtures.example.com/sequence"><GetCustomerResult>
            <Contact><Phone>2</Phone><Email>1</Email></Contact>
            <Name>N</Name>
            <Address><Country>C</Country><City>B</City><Street>A</Street><PostalCode>P</PostalCode></Address>
            <Id>9</Id>
        </GetCustomerResult></GetCustomerResponse>"#;
        let response: GetCustomerResponse = from_xml(xml.as_bytes()).unwrap();
        assert_eq!(response.get_customer_result.id, 9);
        assert_eq!(response.get_customer_result.address.street, "A");
        assert_eq!(response.get_customer_result.contact.email, "1");
    }

    #[test]
    fn errors_name_the_element() {
        let xml = example!("sequence");
        let error =
            decode_error::<GetCustomerResponse>(&edited(&xml, "<Id>4711</Id>", "<Id>abc</Id>"));
        assert!(is_invalid_value(error.kind(), "xs:int", "abc"), "{error}");
        assert_eq!(error.path(), "/GetCustomerResponse/GetCustomerResult/Id");

        let error = decode_error::<GetCustomerResponse>(&edited(
            &xml,
            "<Name>Nordlys &amp; Fjord AS</Name>",
            "<Name>A</Name><Name>B</Name>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DuplicateElement {
                name: "Name".into()
            }
        );
        assert_eq!(
            error.path(),
            "/GetCustomerResponse/GetCustomerResult/Name[2]"
        );

        let error = decode_error::<GetCustomerResponse>(&edited(&xml, "<City>Tromsø</City>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "City".into()
            }
        );
        assert_eq!(
            error.path(),
            "/GetCustomerResponse/GetCustomerResult/Address"
        );

        // An unqualified `Id` is a different element: skipped, so `Id` is missing.
        let error = decode_error::<GetCustomerResponse>(&edited(
            &xml,
            "<Id>4711</Id>",
            r#"<Id xmlns="">4711</Id>"#,
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement { name: "Id".into() }
        );
    }

    #[test]
    fn operations_are_listed_in_binding_order() {
        let names: Vec<&str> = CATALOG_SERVICE_OPERATIONS
            .iter()
            .map(|op| op.name)
            .collect();
        assert_eq!(names, ["Ping", "GetCustomer"]);
        assert_eq!(
            GET_CUSTOMER.soap_action,
            "http://fixtures.example.com/sequence/CatalogService/GetCustomer"
        );
    }

    every_type_round_trips!();
}

/// `complexContent/extension` two levels deep: base fields first, conversions to the bases.
pub mod extension {
    include!("../../wsdl/fixtures/extension/expected.rs");

    use super::*;
    use soap_runtime::types::{DateTime, TimeZoneOffset};

    fn created() -> DateTime {
        DateTime::new(2023, 9, 1, 8, 30, 0)
            .and_then(|d| d.with_offset(Some(TimeZoneOffset::Utc)))
            .unwrap_or_else(|e| panic!("bad date: {e}"))
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("extension");
        let request: SaveEmployee = from_xml(&xml).unwrap();
        let employee = request.employee.clone().unwrap();
        assert_eq!(employee.id, 17);
        assert_eq!(employee.created, Some(created()));
        assert_eq!(employee.first_name.as_deref(), Some("Ada"));
        assert_eq!(employee.last_name, "Lovelace");
        assert_eq!(employee.employee_number, "E-0017");
        assert_eq!(employee.manager_id, Some(3));
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn base_fields_are_written_first() {
        let request = SaveEmployee {
            employee: Some(Employee {
                id: 1,
                created: None,
                first_name: Some("F".into()),
                last_name: "L".into(),
                employee_number: "N".into(),
                manager_id: Some(2),
            }),
        };
        let written = canonical::parse(&to_xml(&request).unwrap()).unwrap();
        let employee = written.child("employee").unwrap();
        let order: Vec<&str> = employee.elements().map(|e| e.local_name()).collect();
        assert_eq!(
            order,
            ["Id", "FirstName", "LastName", "EmployeeNumber", "ManagerId"]
        );
    }

    #[test]
    fn derived_values_convert_to_their_bases() {
        let employee = Employee {
            id: 17,
            created: Some(created()),
            first_name: Some("Ada".into()),
            last_name: "Lovelace".into(),
            employee_number: "E-0017".into(),
            manager_id: Some(3),
        };
        let person = Person::from(employee);
        assert_eq!(
            person,
            Person {
                id: 17,
                created: Some(created()),
                first_name: Some("Ada".into()),
                last_name: "Lovelace".into(),
            }
        );
        let entity: Entity = person.into();
        assert_eq!(
            entity,
            Entity {
                id: 17,
                created: Some(created()),
            }
        );
    }

    #[test]
    fn xsi_type_picks_the_derived_type_where_the_base_is_expected() {
        let xml = r#"<SaveEmployeeResponse xmlns="http://fixtures.example.com/extension" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://fixtures.example.com/extension">
            <SaveEmployeeResult i:type="x:Employee"><Id>5</Id><LastName>X</LastName><EmployeeNumber>E</EmployeeNumber></SaveEmployeeResult>
        </SaveEmployeeResponse>"#;
        let response: SaveEmployeeResponse = from_xml(xml.as_bytes()).unwrap();
        let expected = EntityKind::Employee(Employee {
            id: 5,
            created: None,
            first_name: None,
            last_name: "X".into(),
            employee_number: "E".into(),
            manager_id: None,
        });
        assert_eq!(response.save_employee_result, Some(expected.clone()));
        let written = String::from_utf8(soap_runtime::to_xml(&response).unwrap()).unwrap();
        assert!(written.contains(r#"xsi:type="ns0:Employee""#), "{written}");

        let plain = r#"<SaveEmployeeResponse xmlns="http://fixtures.example.com/extension"><SaveEmployeeResult><Id>6</Id></SaveEmployeeResult></SaveEmployeeResponse>"#;
        let response: SaveEmployeeResponse = from_xml(plain.as_bytes()).unwrap();
        assert_eq!(
            response.save_employee_result,
            Some(EntityKind::Entity(Entity {
                id: 6,
                created: None
            }))
        );
    }

    #[test]
    fn a_missing_base_field_is_reported_at_the_derived_element() {
        let xml = example!("extension");
        let error = decode_error::<SaveEmployee>(&edited(&xml, "<Id>17</Id>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement { name: "Id".into() }
        );
        assert_eq!(error.path(), "/SaveEmployee/employee");
    }

    every_type_round_trips!();
}

/// Enumerations: WCF `EnumerationValue` numbers, a value named `Unknown`, unlisted values kept.
pub mod enumeration {
    include!("../../wsdl/fixtures/enumeration/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("enumeration");
        let request: UpdateOrderStatus = from_xml(&xml).unwrap();
        assert_eq!(request.order_id, 1001);
        assert_eq!(request.status, OrderStatus::Shipped);
        assert_eq!(request.priority, Some(Priority::Unknown("Critical".into())));
        assert_eq!(request.previous_priority, Some(Priority::UnknownValue));
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn values_keep_their_text_and_wcf_numbers() {
        assert_eq!(OrderStatus::Pending.numeric_value(), Some(1));
        assert_eq!(OrderStatus::Shipped.numeric_value(), Some(10));
        assert_eq!(OrderStatus::Delivered.numeric_value(), Some(20));
        assert_eq!(OrderStatus::Cancelled.numeric_value(), Some(-1));
        assert_eq!(OrderStatus::Unknown("Lost".into()).numeric_value(), None);
        assert_eq!(Priority::UnknownValue.as_str(), "Unknown");
        assert_eq!(Priority::Asap.to_string(), "ASAP");
        assert_eq!(Priority::Unknown("Critical".into()).as_str(), "Critical");
        let ns = "http://fixtures.example.com/enumeration";
        for (text, value) in [
            ("Unknown", Priority::UnknownValue),
            ("Low", Priority::Low),
            ("Normal", Priority::Normal),
            ("High", Priority::High),
            ("ASAP", Priority::Asap),
            ("asap", Priority::Unknown("asap".into())),
        ] {
            let xml = format!(r#"<Priority xmlns="{ns}">{text}</Priority>"#);
            assert_eq!(
                from_xml_as::<Priority>(xml.as_bytes(), ns, "Priority").unwrap(),
                value,
                "{text}"
            );
        }
    }

    #[test]
    fn a_required_enumeration_must_be_present_and_not_nil() {
        let xml = example!("enumeration");
        let error =
            decode_error::<UpdateOrderStatus>(&edited(&xml, "<Status>Shipped</Status>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Status".into()
            }
        );
        assert_eq!(error.path(), "/UpdateOrderStatus");
        let error = decode_error::<UpdateOrderStatus>(&edited(
            &xml,
            "<Status>Shipped</Status>",
            r#"<Status xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>"#,
        ));
        assert_eq!(error.kind(), &DecodeErrorKind::NilNotAllowed);
        assert_eq!(error.path(), "/UpdateOrderStatus/Status");
    }

    every_type_round_trips!();
}

/// `xs:list` of an inline enumeration (WCF `[Flags]`): declaration order, unknown names kept.
pub mod flags {
    include!("../../wsdl/fixtures/flags/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("flags");
        let request: SetPermissions = from_xml(&xml).unwrap();
        assert_eq!(request.user_name.as_deref(), Some("kari"));
        let granted = &request.granted;
        assert!(granted.contains(PermissionsFlag::Read));
        assert!(granted.contains(PermissionsFlag::Write));
        assert!(!granted.contains(PermissionsFlag::Delete));
        assert!(granted.contains(PermissionsFlag::Share));
        assert!(!granted.contains(PermissionsFlag::FullControl));
        assert_eq!(granted.unknown(), ["Comment", "Approve"]);
        let denied = request.denied.as_ref().unwrap();
        assert!(denied.is_empty());
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn flags_are_written_in_declaration_order_with_unknown_names_last() {
        let ns = "http://fixtures.example.com/flags";
        let xml = format!(
            r#"<SetPermissionsResponse xmlns="{ns}"><SetPermissionsResult> FullControl Future
                Share Read </SetPermissionsResult></SetPermissionsResponse>"#
        );
        let response: SetPermissionsResponse = from_xml(xml.as_bytes()).unwrap();
        let written = String::from_utf8(to_xml(&response).unwrap()).unwrap();
        assert!(
            written.contains(">Read Share FullControl Future<"),
            "{written}"
        );

        let set = Permissions::new()
            .with(PermissionsFlag::FullControl)
            .with(PermissionsFlag::Delete)
            .with(PermissionsFlag::Read);
        let written = String::from_utf8(to_xml_as(&set, ns, "Permissions").unwrap()).unwrap();
        assert!(written.contains(">Read Delete FullControl<"), "{written}");
    }

    #[test]
    fn a_repeated_flag_element_is_a_duplicate() {
        let xml = example!("flags");
        let error = decode_error::<SetPermissions>(&edited(
            &xml,
            "<Denied></Denied>",
            "<Granted>Read</Granted>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DuplicateElement {
                name: "Granted".into()
            }
        );
        assert_eq!(error.path(), "/SetPermissions/Granted[2]");
    }

    every_type_round_trips!();
}

/// WCF `IsDictionary` types, string to string and string to a complex value, in wire order.
pub mod dictionary {
    include!("../../wsdl/fixtures/dictionary/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("dictionary");
        let request: SaveSettings = from_xml(&xml).unwrap();
        assert_eq!(
            request.tags,
            Some(vec![
                ("zeta".to_owned(), Some("last letter".to_owned())),
                ("alpha".to_owned(), None),
                ("mu".to_owned(), Some(String::new())),
            ])
        );
        let settings = request.settings.as_ref().unwrap();
        assert_eq!(settings.len(), 3);
        assert_eq!(settings[0].0, "Theme");
        assert_eq!(
            settings[0].1,
            Some(Setting {
                value: Some("dark".into()),
                is_default: Some(false),
            })
        );
        assert_eq!(settings[1], ("Language".to_owned(), None));
        assert_eq!(settings[2].0, "PageSize");
        assert_eq!(
            settings[2].1,
            Some(Setting {
                value: None,
                is_default: Some(true),
            })
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn entries_need_exactly_one_key() {
        let xml = example!("dictionary");
        let error = decode_error::<SaveSettings>(&edited(&xml, "<a:Key>mu</a:Key>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement { name: "Key".into() }
        );
        assert_eq!(error.path(), "/SaveSettings/Tags/KeyValueOfstringstring[3]");

        let error = decode_error::<SaveSettings>(&edited(
            &xml,
            "<Key>Theme</Key>",
            "<Key>Theme</Key><Key>Colour</Key>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DuplicateElement { name: "Key".into() }
        );
        assert_eq!(
            error.path(),
            "/SaveSettings/Settings/SettingDictionaryKeyValuePair/Key[2]"
        );

        let error = decode_error::<SaveSettings>(&edited(
            &xml,
            "<Key>Language</Key>",
            "<Key i:nil=\"true\"/>",
        ));
        assert_eq!(error.kind(), &DecodeErrorKind::NilNotAllowed);
        assert_eq!(
            error.path(),
            "/SaveSettings/Settings/SettingDictionaryKeyValuePair[2]/Key"
        );
    }

    every_type_round_trips!();
}

/// `ArrayOfX` wrappers (of nillable complex items, of `int` in the Arrays namespace),
/// repeated elements directly in a sequence, and `minOccurs`/`maxOccurs` bounds.
pub mod arrays {
    include!("../../wsdl/fixtures/arrays/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("arrays");
        let request: SubmitOrder = from_xml(&xml).unwrap();
        assert_eq!(
            request.lines,
            Some(vec![
                Some(OrderLine {
                    sku: "BOOK-1".into(),
                    quantity: 2,
                }),
                None,
                Some(OrderLine {
                    sku: "PEN-9".into(),
                    quantity: 10,
                }),
            ])
        );
        assert_eq!(request.warehouse_ids, Some(vec![7, -1, 42]));
        assert_eq!(request.note, ["Deliver after 16:00", "Ring twice"]);
        assert_eq!(request.phone, ["+47 22 00 00 00", "+47 900 00 000"]);
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn items_are_matched_by_namespace() {
        // `int` items must be in the Arrays namespace; unqualified ones are skipped.
        let xml = r#"<SubmitOrderResponse xmlns="http://fixtures.example.com/arrays" xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays">
            <SubmitOrderResult><a:int>1</a:int><int>2</int><a:int>3</a:int></SubmitOrderResult>
        </SubmitOrderResponse>"#;
        let response: SubmitOrderResponse = from_xml(xml.as_bytes()).unwrap();
        assert_eq!(response.submit_order_result, [1, 3]);
        let written = canonical::parse(&to_xml(&response).unwrap()).unwrap();
        let items: Vec<&str> = written
            .child("SubmitOrderResult")
            .unwrap()
            .elements()
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(
            items,
            [
                "{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int",
                "{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int"
            ]
        );
    }

    #[test]
    fn occurrence_bounds_are_checked() {
        let xml = example!("arrays");
        let four_phones = edited(
            &xml,
            "<Phone>+47 900 00 000</Phone>",
            "<Phone>2</Phone><Phone>3</Phone><Phone>4</Phone>",
        );
        let error = decode_error::<SubmitOrder>(&four_phones);
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::Other("element <Phone> occurs 4 times, at most 3 allowed".into())
        );
        assert_eq!(error.path(), "/SubmitOrder");

        let no_phone = edited(
            &edited(&xml, "<Phone>+47 900 00 000</Phone>", "").into_bytes(),
            "<Phone>+47 22 00 00 00</Phone>",
            "",
        );
        let error = decode_error::<SubmitOrder>(&no_phone);
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Phone (found 0, at least 1 required)".into()
            }
        );
    }

    #[test]
    fn a_bad_item_is_reported_with_its_position() {
        let xml = example!("arrays");
        let error =
            decode_error::<SubmitOrder>(&edited(&xml, "<b:int>-1</b:int>", "<b:int>x</b:int>"));
        assert!(is_invalid_value(error.kind(), "xs:int", "x"), "{error}");
        assert_eq!(error.path(), "/SubmitOrder/WarehouseIds/int[2]");
    }

    every_type_round_trips!();
}

/// `minOccurs` 0/1 × `nillable` true/false for a string and a complex type; a recursive type.
pub mod optional_nillable {
    include!("../../wsdl/fixtures/optional_nillable/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("optional_nillable");
        let request: UpdateProfile = from_xml(&xml).unwrap();
        let profile = &request.profile;
        assert_eq!(profile.name, "Ola Nordmann");
        assert_eq!(profile.nickname, None);
        assert_eq!(profile.title, None);
        assert_eq!(profile.department.as_deref(), Some("Sales"));
        assert_eq!(
            profile.home_address,
            Address {
                street: "Kirkeveien 5".into(),
                city: None,
            }
        );
        assert_eq!(profile.work_address, None);
        assert_eq!(profile.postal_address, None);
        assert_eq!(
            profile.billing_address,
            Some(Address {
                street: "Postboks 12".into(),
                city: Some("Oslo".into()),
            })
        );
        let category = profile.category.as_ref().unwrap();
        assert_eq!(category.name, "Espresso");
        let parent = category.parent.as_deref().unwrap();
        assert_eq!(parent.name, "Coffee");
        let grandparent = parent.parent.as_deref().unwrap();
        assert_eq!(grandparent.name, "Beverages");
        assert_eq!(grandparent.parent, None);
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn required_nillable_fields_are_written_as_nil_and_optional_ones_are_left_out() {
        let profile = Profile {
            name: "N".into(),
            nickname: None,
            title: None,
            department: None,
            home_address: Address {
                street: "S".into(),
                city: None,
            },
            work_address: None,
            postal_address: None,
            billing_address: None,
            category: None,
        };
        let written = canonical::parse(&to_xml(&UpdateProfile { profile }).unwrap()).unwrap();
        let profile = written.child("profile").unwrap();
        let names: Vec<&str> = profile.elements().map(|e| e.local_name()).collect();
        assert_eq!(names, ["Name", "Nickname", "HomeAddress", "WorkAddress"]);
        let nil = [r#"{http://www.w3.org/2001/XMLSchema-instance}nil="true""#.to_owned()];
        assert_eq!(profile.child("Nickname").unwrap().attributes, nil);
        assert_eq!(profile.child("WorkAddress").unwrap().attributes, nil);
        assert!(profile.child("Name").unwrap().attributes.is_empty());
    }

    #[test]
    fn nil_and_absence_follow_the_schema() {
        let xml = example!("optional_nillable");
        let nil = r#" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true""#;

        // Optional elements read `xsi:nil` as absent, nillable or not.
        let with_nils = edited(
            &xml,
            "<Department>Sales</Department>",
            &format!("<Department{nil}/><Title{nil}/><PostalAddress{nil}/>"),
        );
        let request: UpdateProfile = from_xml(with_nils.as_bytes()).unwrap();
        assert_eq!(request.profile.department, None);
        assert_eq!(request.profile.title, None);
        assert_eq!(request.profile.postal_address, None);

        // A required element that is not nillable refuses nil.
        let error = decode_error::<UpdateProfile>(&edited(
            &xml,
            "<Name>Ola Nordmann</Name>",
            &format!("<Name{nil}/>"),
        ));
        assert_eq!(error.kind(), &DecodeErrorKind::NilNotAllowed);
        assert_eq!(error.path(), "/UpdateProfile/profile/Name");

        // A required nillable element must still be present.
        let error =
            decode_error::<UpdateProfile>(&edited(&xml, r#"<WorkAddress i:nil="true" />"#, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "WorkAddress".into()
            }
        );
        assert_eq!(error.path(), "/UpdateProfile/profile");

        // Errors inside the recursion name the whole path.
        let error = decode_error::<UpdateProfile>(&edited(
            &xml,
            "<Name>Beverages</Name>",
            "<Name>x</Name><Name>y</Name>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DuplicateElement {
                name: "Name".into()
            }
        );
        assert_eq!(
            error.path(),
            "/UpdateProfile/profile/Category/Parent/Parent/Name[2]"
        );
    }

    every_type_round_trips!();
}

/// One field of every primitive type, with the lexical forms WCF sends.
pub mod primitives {
    include!("../../wsdl/fixtures/primitives/expected.rs");

    use super::*;
    use soap_runtime::types::{
        AnyAttribute, AnyElement, AnyNode, AnyXml, DateTime, Decimal, Duration, QName,
        TimeZoneOffset, Uuid,
    };
    use tests::canonical::{Child, Node};

    const PURCHASING: &str = "http://example.com/purchasing";

    fn date_time(
        (year, month, day): (i32, u8, u8),
        (hour, minute, second): (u8, u8, u8),
        (nanos, digits): (u32, u8),
        offset: Option<TimeZoneOffset>,
    ) -> DateTime {
        DateTime::new(year, month, day, hour, minute, second)
            .and_then(|d| d.with_nanos(nanos, digits))
            .and_then(|d| d.with_offset(offset))
            .unwrap_or_else(|e| panic!("bad date: {e}"))
    }

    /// Removes the text of every element named `local`, whose content is a prefixed name
    /// (the prefix the writer chooses differs from the example's).
    fn without_text_of(mut node: Node, local: &str) -> Node {
        if node.local_name() == local {
            node.children.retain(|c| matches!(c, Child::Element(_)));
        }
        node.children = node
            .children
            .into_iter()
            .map(|c| match c {
                Child::Element(e) => Child::Element(without_text_of(e, local)),
                text => text,
            })
            .collect();
        node
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("primitives");
        let request: Echo = from_xml(&xml).unwrap();
        let v = &request.values;
        assert_eq!(v.string, "Grüße, <World> & 中文 😀");
        assert_eq!(v.int, i32::MIN);
        assert_eq!(v.short, i16::MIN);
        assert_eq!(v.long, i64::MAX);
        assert_eq!(v.byte, i8::MIN);
        assert_eq!(v.unsigned_byte, u8::MAX);
        assert_eq!(v.unsigned_short, u16::MAX);
        assert_eq!(v.unsigned_int, u32::MAX);
        assert_eq!(v.unsigned_long, u64::MAX);
        assert!(v.boolean);
        assert_eq!(v.float, 3.25f32);
        assert_eq!(v.double, f64::NEG_INFINITY);
        assert_eq!(v.decimal, Decimal::from_i128_with_scale(12_345_600, 4));
        assert_eq!(v.decimal.scale(), 4);
        assert_eq!(
            v.date_time,
            date_time((2024, 2, 29), (13, 45, 30), (0, 0), None)
        );
        assert_eq!(v.date_time.fraction_digits(), 0);
        assert_eq!(v.date_time.offset(), None);
        assert_eq!(
            v.duration,
            Duration::new(false, Some(1), Some(2), Some(3), Some(4), Some(5), Some(6))
                .and_then(|d| d.with_nanos(500_000_000, 1))
                .unwrap()
        );
        assert_eq!(v.base64_binary, b"Hello, World!");
        assert_eq!(v.any_uri, "https://example.com/search?q=fjord&lang=nb");
        assert_eq!(v.q_name, QName::new(PURCHASING, "PurchaseOrder"));
        assert_eq!(
            v.any_type,
            AnyXml {
                xsi_type: Some(QName::new(PURCHASING, "Note")),
                attributes: vec![],
                children: vec![
                    AnyNode::Element(AnyElement {
                        name: QName::new(PURCHASING, "Title"),
                        content: AnyXml {
                            xsi_type: None,
                            attributes: vec![AnyAttribute {
                                name: QName::new("", "lang"),
                                value: "nb".into(),
                            }],
                            children: vec![AnyNode::Text("Hei".into())],
                        },
                    }),
                    AnyNode::Element(AnyElement {
                        name: QName::new(PURCHASING, "Body"),
                        content: AnyXml::text("text & more"),
                    }),
                ],
            }
        );
        assert_eq!(
            v.guid,
            Uuid::from_u128(0x6f96_19ff_8b86_d011_b42d_00c0_4fc9_64ff)
        );
        assert_eq!(v.char, '€');
        assert_eq!(
            v.time_span,
            Duration::new(false, None, None, None, Some(1), Some(30), None).unwrap()
        );

        assert_eq!(
            request.timestamp,
            [
                date_time(
                    (2024, 3, 1),
                    (8, 0, 0),
                    (123_000_000, 3),
                    Some(TimeZoneOffset::Utc)
                ),
                date_time(
                    (2023, 12, 31),
                    (23, 59, 59),
                    (123_456_700, 7),
                    Some(TimeZoneOffset::Minutes(330))
                ),
                date_time(
                    (2000, 1, 1),
                    (0, 0, 0),
                    (0, 0),
                    Some(TimeZoneOffset::Minutes(-480))
                ),
            ]
        );
        assert_eq!(request.reading.len(), 4);
        assert_eq!(request.reading[0], f64::INFINITY);
        assert!(request.reading[1].is_nan());
        assert_eq!(request.reading[2], 0.1);
        assert_eq!(request.reading[3], 1.5e-10);

        // Written back: the same XML, except that the QName's prefix is the writer's own.
        let written = to_xml(&request).unwrap();
        let expected = without_text_of(canonical::parse(&xml).unwrap(), "QName");
        let actual = without_text_of(canonical::parse(&written).unwrap(), "QName");
        assert_eq!(canonical::difference(&expected, &actual), None);
        let again: Echo = from_xml(&written).unwrap();
        assert_eq!(again.values.q_name, QName::new(PURCHASING, "PurchaseOrder"));
        assert_eq!(again.values.any_type, v.any_type);
    }

    #[test]
    fn lexical_forms_are_kept() {
        let xml = example!("primitives");
        let written = String::from_utf8(to_xml(&from_xml::<Echo>(&xml).unwrap()).unwrap()).unwrap();
        for text in [
            ">1234.5600<",
            ">2024-02-29T13:45:30<",
            ">2024-03-01T08:00:00.123Z<",
            ">2023-12-31T23:59:59.1234567+05:30<",
            ">2000-01-01T00:00:00-08:00<",
            ">-INF<",
            ">INF<",
            ">NaN<",
            ">P1Y2M3DT4H5M6.5S<",
            ">PT1H30M<",
            ">8364<",
        ] {
            assert!(written.contains(text), "{text} not in {written}");
        }
    }

    #[test]
    fn bad_values_are_reported_with_type_text_and_path() {
        let xml = example!("primitives");
        for (from, to, expected, found, field) in [
            (
                "<Int>-2147483648</Int>",
                "<Int>abc</Int>",
                "xs:int",
                "abc",
                "Int",
            ),
            (
                "<Byte>-128</Byte>",
                "<Byte>128</Byte>",
                "xs:byte",
                "128",
                "Byte",
            ),
            (
                "<UnsignedByte>255</UnsignedByte>",
                "<UnsignedByte>-1</UnsignedByte>",
                "xs:unsignedByte",
                "-1",
                "UnsignedByte",
            ),
            (
                "<Boolean>true</Boolean>",
                "<Boolean>yes</Boolean>",
                "xs:boolean",
                "yes",
                "Boolean",
            ),
            (
                "<Decimal>1234.5600</Decimal>",
                "<Decimal>1e5</Decimal>",
                "xs:decimal",
                "1e5",
                "Decimal",
            ),
            (
                "<DateTime>2024-02-29T13:45:30</DateTime>",
                "<DateTime>2023-02-29T13:45:30</DateTime>",
                "xs:dateTime",
                "2023-02-29T13:45:30",
                "DateTime",
            ),
            (
                "<Char>8364</Char>",
                "<Char>55296</Char>",
                "ser:char",
                "55296",
                "Char",
            ),
            (
                "<Guid>6f9619ff-8b86-d011-b42d-00c04fc964ff</Guid>",
                "<Guid>not-a-guid</Guid>",
                "ser:guid",
                "not-a-guid",
                "Guid",
            ),
        ] {
            let error = decode_error::<Echo>(&edited(&xml, from, to));
            assert!(is_invalid_value(error.kind(), expected, found), "{error}");
            assert_eq!(error.path(), format!("/Echo/Values/{field}"));
        }
        let error = decode_error::<Echo>(&edited(
            &xml,
            "<Reading>0.1</Reading>",
            "<Reading>fast</Reading>",
        ));
        assert!(
            is_invalid_value(error.kind(), "xs:double", "fast"),
            "{error}"
        );
        assert_eq!(error.path(), "/Echo/Reading[3]");
    }

    #[test]
    fn booleans_accept_digits() {
        let xml = example!("primitives");
        let request: Echo =
            from_xml(edited(&xml, "<Boolean>true</Boolean>", "<Boolean> 0 </Boolean>").as_bytes())
                .unwrap();
        assert!(!request.values.boolean);
    }

    every_type_round_trips!();
}

/// `soap:header` parts from separate `*_Headers` messages: the generated header structs and
/// the operation metadata.
pub mod headers {
    include!("../../wsdl/fixtures/headers/expected.rs");

    use super::*;
    use soap_runtime::envelope::{Body, Envelope, read_envelope, write_envelope};
    use soap_runtime::operation::{ElementName, HeaderPart, OperationInfo, SoapVersion, Style};
    use soap_runtime::xml::ReaderConfig;

    const NS: &str = "http://fixtures.example.com/headers";
    const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";

    fn element(local_name: &'static str) -> ElementName {
        ElementName {
            namespace: NS,
            local_name,
        }
    }

    fn part(name: &'static str) -> HeaderPart {
        HeaderPart {
            part: name,
            element: element(name),
        }
    }

    /// The body of an envelope that must not hold a fault.
    fn body<H, B>(envelope: Envelope<H, B>) -> (H, B) {
        match envelope.body {
            Body::Element(body) => (envelope.headers, body),
            Body::Fault(fault) => panic!("unexpected fault {fault:?}"),
        }
    }

    #[test]
    fn operation_metadata_lists_the_header_parts() {
        let without_headers = |op: OperationInfo| OperationInfo {
            input_headers: &[],
            output_headers: &[],
            ..op
        };
        let get_balance = OperationInfo {
            name: "GetBalance",
            soap_action: "http://fixtures.example.com/headers/AccountService/GetBalance",
            soap_version: SoapVersion::Soap11,
            style: Style::Document,
            input: element("GetBalance"),
            output: Some(element("GetBalanceResponse")),
            input_headers: &[],
            output_headers: &[],
        };
        assert_eq!(without_headers(GET_BALANCE), get_balance);
        assert_eq!(
            GET_BALANCE.input_headers,
            [part("ApplicationToken"), part("Credentials")]
        );
        assert_eq!(
            GET_BALANCE.output_headers,
            [part("ExceptionInfo"), part("Succeeded")]
        );
        assert_eq!(
            without_headers(TRANSFER),
            OperationInfo {
                name: "Transfer",
                soap_action: "http://fixtures.example.com/headers/AccountService/Transfer",
                input: element("Transfer"),
                output: Some(element("TransferResponse")),
                ..get_balance
            }
        );
        assert_eq!(TRANSFER.input_headers, [part("ApplicationToken")]);
        assert_eq!(TRANSFER.output_headers, [part("Succeeded")]);
        assert_eq!(ACCOUNT_SERVICE_OPERATIONS, [GET_BALANCE, TRANSFER]);
        assert_eq!(GET_BALANCE.soap_version.envelope_namespace(), SOAP11);
        assert_eq!(namespaces::HEADERS, NS);
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("headers");
        let envelope = read_envelope::<GetBalanceRequestHeaders, GetBalance>(
            &xml,
            &GET_BALANCE.input,
            &ReaderConfig::default(),
        )
        .unwrap();
        assert_eq!(envelope.version, SoapVersion::Soap11);
        let (headers, request) = body(envelope);
        assert_eq!(headers.application_token.as_deref(), Some("app-7f3a"));
        assert_eq!(
            headers.credentials,
            Some(Credentials {
                ticket: Some("7T:c2Vzc2lvbg==".into()),
                user_name: Some("kari".into()),
            })
        );
        assert_eq!(
            request.account_number.as_deref(),
            Some("NO93 8601 1117 947")
        );

        let written = write_envelope(
            GET_BALANCE.soap_version,
            &headers,
            &GET_BALANCE.input,
            &request,
        )
        .unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn secrets_in_headers_are_redacted_in_debug_output() {
        let headers = GetBalanceRequestHeaders {
            application_token: Some("app-7f3a".into()),
            credentials: Some(Credentials {
                ticket: Some("7T:c2Vzc2lvbg==".into()),
                user_name: Some("kari".into()),
            }),
        };
        let debug = format!("{headers:?}");
        assert!(!debug.contains("app-7f3a"), "{debug}");
        assert!(!debug.contains("7T:c2Vzc2lvbg=="), "{debug}");
        assert!(debug.contains("kari"), "{debug}");
    }

    #[test]
    fn each_operation_has_its_own_header_structs() {
        let xml = format!(
            r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header>
                <ApplicationToken xmlns="{NS}">t</ApplicationToken>
                <Credentials xmlns="{NS}"><Ticket>x</Ticket></Credentials>
            </s:Header><s:Body><Transfer xmlns="{NS}"><Amount>12.50</Amount></Transfer></s:Body></s:Envelope>"#
        );
        let (headers, request) = body(
            read_envelope::<TransferRequestHeaders, Transfer>(
                xml.as_bytes(),
                &TRANSFER.input,
                &ReaderConfig::default(),
            )
            .unwrap(),
        );
        // `Credentials` is not a header of `Transfer`: skipped.
        assert_eq!(
            headers,
            TransferRequestHeaders {
                application_token: Some("t".into()),
            }
        );
        assert_eq!(request.amount.to_string(), "12.50");

        let response_headers = TransferResponseHeaders {
            succeeded: Some(true),
        };
        let output = TRANSFER.output.unwrap();
        let written = write_envelope(
            TRANSFER.soap_version,
            &response_headers,
            &output,
            &TransferResponse {},
        )
        .unwrap();
        let (headers, _) = body(
            read_envelope::<TransferResponseHeaders, TransferResponse>(
                &written,
                &output,
                &ReaderConfig::default(),
            )
            .unwrap(),
        );
        assert_eq!(headers, response_headers);
    }

    #[test]
    fn response_headers_read_from_an_envelope() {
        let xml = format!(
            r#"<s:Envelope xmlns:s="{SOAP11}"><s:Header>
                <Succeeded xmlns="{NS}">false</Succeeded>
                <ExceptionInfo xmlns="{NS}"><Message>Account is closed</Message><Code>17</Code></ExceptionInfo>
            </s:Header><s:Body><GetBalanceResponse xmlns="{NS}"><Balance>0</Balance></GetBalanceResponse></s:Body></s:Envelope>"#
        );
        let output = GET_BALANCE.output.unwrap();
        let (headers, response) = body(
            read_envelope::<GetBalanceResponseHeaders, GetBalanceResponse>(
                xml.as_bytes(),
                &output,
                &ReaderConfig::default(),
            )
            .unwrap(),
        );
        assert_eq!(headers.succeeded, Some(false));
        assert_eq!(
            headers.exception_info,
            Some(ExceptionInfo {
                message: Some("Account is closed".into()),
                code: Some(17),
            })
        );
        assert_eq!(response.balance.to_string(), "0");
        assert_eq!(response.currency, None);

        let bad = xml.replace(">false<", ">no<");
        let error = read_envelope::<GetBalanceResponseHeaders, GetBalanceResponse>(
            bad.as_bytes(),
            &output,
            &ReaderConfig::default(),
        )
        .unwrap_err();
        assert!(
            is_invalid_value(error.kind(), "xs:boolean", "no"),
            "{error}"
        );
        assert_eq!(error.path(), "/Envelope/Header/Succeeded");
    }

    #[test]
    fn response_headers_decode_as_their_element_types() {
        let succeeded = format!(r#"<Succeeded xmlns="{NS}">1</Succeeded>"#);
        assert!(from_xml_as::<bool>(succeeded.as_bytes(), NS, "Succeeded").unwrap());
        let info = format!(
            r#"<ExceptionInfo xmlns="{NS}"><Code>403</Code><Message>No access</Message></ExceptionInfo>"#
        );
        assert_eq!(
            from_xml_as::<ExceptionInfo>(info.as_bytes(), NS, "ExceptionInfo").unwrap(),
            ExceptionInfo {
                message: Some("No access".into()),
                code: Some(403),
            }
        );
        let bad = format!(r#"<Succeeded xmlns="{NS}">yes</Succeeded>"#);
        let error = from_xml_as::<bool>(bad.as_bytes(), NS, "Succeeded").unwrap_err();
        assert!(
            is_invalid_value(error.kind(), "xs:boolean", "yes"),
            "{error}"
        );
        assert_eq!(error.path(), "/Succeeded");
    }

    every_type_round_trips!();
}

/// Several `xs:schema` blocks rebinding `tns` and `q1`, qualified and unqualified forms.
#[allow(clippy::module_inception)] // The case is named like the generated `namespaces` module.
pub mod namespaces {
    include!("../../wsdl/fixtures/namespaces/expected.rs");

    use super::*;
    use soap_runtime::types::{DateTime, Decimal, TimeZoneOffset};

    const ORDERS: &str = "http://fixtures.example.com/namespaces/orders";

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("namespaces");
        let request: PlaceOrder = from_xml(&xml).unwrap();
        let header = &request.header;
        assert_eq!(header.number, "PO-2024-0042");
        assert_eq!(header.channel, "web");
        assert_eq!(header.total.currency, CurrencyCode::Eur);
        assert_eq!(
            header.total.amount,
            Decimal::from_i128_with_scale(19_990, 2)
        );
        assert_eq!(
            header.stamp,
            Some(
                DateTime::new(2024, 5, 1, 10, 15, 0)
                    .and_then(|d| d.with_offset(Some(TimeZoneOffset::Minutes(120))))
                    .unwrap()
            )
        );
        assert_eq!(
            header.note,
            Some(Note2 {
                author: "warehouse".into(),
            })
        );
        assert_eq!(
            request.note,
            Some(Note {
                text: "Leave at the back door".into(),
            })
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn unqualified_children_are_written_without_namespace() {
        let xml = example!("namespaces");
        let request: PlaceOrder = from_xml(&xml).unwrap();
        let bytes = to_xml(&request).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        for unprefixed in ["<Number>", "<Total>", "<Note>", "<Author>"] {
            assert!(text.contains(unprefixed), "{unprefixed} in {text}");
        }
        assert!(!text.contains("xmlns=\""), "no default namespace: {text}");
        let written = canonical::parse(&bytes).unwrap();
        let header = written.child("Header").unwrap();
        let names: Vec<&str> = header.elements().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "{}Number",
                "{http://fixtures.example.com/namespaces/common}Channel",
                "{}Total",
                "{http://fixtures.example.com/namespaces/units}Stamp",
                "{}Note",
            ]
        );
        assert_eq!(
            header.child("Total").unwrap().child("Amount").unwrap().name,
            "{http://fixtures.example.com/namespaces/units}Amount"
        );
        assert_eq!(namespaces::ORDERS, ORDERS);
    }

    #[test]
    fn a_qualified_name_where_an_unqualified_one_is_expected_is_not_the_same_element() {
        let xml = example!("namespaces");
        let error = decode_error::<PlaceOrder>(&edited(
            &xml,
            "<Number>PO-2024-0042</Number>",
            "<c:Number>PO-2024-0042</c:Number>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Number".into()
            }
        );
        assert_eq!(error.path(), "/PlaceOrder/Header");

        let error = decode_error::<PlaceOrder>(&edited(
            &xml,
            "<o:Text>Leave at the back door</o:Text>",
            "<Text>Leave at the back door</Text>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Text".into()
            }
        );
        assert_eq!(error.path(), "/PlaceOrder/Note");
    }

    #[test]
    fn same_local_names_in_two_namespaces_are_two_types() {
        let xml = format!(
            r#"<PlaceOrderResponse xmlns="{ORDERS}"><PlaceOrderResult><Author xmlns="">desk</Author></PlaceOrderResult></PlaceOrderResponse>"#
        );
        let response: PlaceOrderResponse = from_xml(xml.as_bytes()).unwrap();
        assert_eq!(
            response.place_order_result,
            Some(Note2 {
                author: "desk".into(),
            })
        );
    }

    every_type_round_trips!();
}
