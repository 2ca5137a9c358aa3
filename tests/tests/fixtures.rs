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
        AnyAttribute, AnyElement, AnyNode, AnyXml, Decimal, Duration, QName, TimeZoneOffset, Uuid,
    };
    use tests::builders::date_time;
    use tests::canonical::{Child, Node};

    const PURCHASING: &str = "http://example.com/purchasing";

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
        // The operations' lists differ: each is a constant named after its operation.
        assert_eq!(GET_BALANCE.input_headers, GET_BALANCE_REQUEST_HEADER_PARTS);
        assert_eq!(
            GET_BALANCE.output_headers,
            GET_BALANCE_RESPONSE_HEADER_PARTS
        );
        assert_eq!(TRANSFER.input_headers, TRANSFER_REQUEST_HEADER_PARTS);
        assert_eq!(TRANSFER.output_headers, TRANSFER_RESPONSE_HEADER_PARTS);
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

/// The typed SOAP 1.2 envelope of `example.xml`, read as `H` headers and a `B` body; the body
/// must not be a fault.
fn read_example_envelope<H: soap_runtime::HeaderSet, B: XmlType>(
    xml: &[u8],
    op: &soap_runtime::operation::OperationInfo,
) -> (soap_runtime::operation::SoapVersion, H, B) {
    let envelope = soap_runtime::envelope::read_envelope::<H, B>(
        xml,
        &op.input,
        &soap_runtime::xml::ReaderConfig::default(),
    )
    .unwrap_or_else(|e| panic!("cannot read the envelope: {e}"));
    match envelope.body {
        soap_runtime::envelope::Body::Element(body) => (envelope.version, envelope.headers, body),
        soap_runtime::envelope::Body::Fault(fault) => panic!("unexpected fault {fault:?}"),
    }
}

/// Runs `future` to completion on a fresh runtime.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"))
        .block_on(future)
}

/// Two port types in two services; `Inventory` bound with SOAP 1.1, SOAP 1.2 and HTTP (left
/// out with a warning); a one-way operation; names that are not Rust identifiers.
pub mod services_and_bindings {
    include!("../../wsdl/fixtures/services_and_bindings/expected.rs");

    use super::*;
    use soap_runtime::operation::{SoapVersion, Style};
    use soap_runtime::{Error, InProcessTransport, Request, Response};
    use std::sync::{Arc, Mutex};

    const NS: &str = "http://fixtures.example.com/services_and_bindings";

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("services_and_bindings");
        let (version, headers, body): (_, GetItemRequestHeaders2, GetItem) =
            read_example_envelope(&xml, &GET_ITEM2);
        assert_eq!(version, SoapVersion::Soap12);
        assert_eq!(headers.r#type.as_deref(), Some("nord"));
        assert_eq!(body.item_id, 42);
        assert_eq!(body.r#type.as_deref(), Some("spare-part"));
        assert_eq!(body.self_, Some(true));
        let written = soap_runtime::envelope::write_envelope(
            GET_ITEM2.soap_version,
            &headers,
            &GET_ITEM2.input,
            &body,
        )
        .unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn each_binding_has_its_own_operations_and_soap_version() {
        // The port type bound twice gets traits named after the bindings.
        for op in INVENTORY_SOAP_OPERATIONS {
            assert_eq!(op.soap_version, SoapVersion::Soap11, "{}", op.name);
        }
        for op in INVENTORY_SOAP12_OPERATIONS {
            assert_eq!(op.soap_version, SoapVersion::Soap12, "{}", op.name);
        }
        assert_eq!(AUDIT_OPERATIONS, [LOG]);
        assert_eq!(LOG.soap_version, SoapVersion::Soap11);
        let names: Vec<&str> = INVENTORY_SOAP12_OPERATIONS
            .iter()
            .map(|op| op.name)
            .collect();
        assert_eq!(names, ["get-item", "_2ndTry", "Self", "notify"]);
        assert_eq!(
            INVENTORY_SOAP_OPERATIONS,
            [GET_ITEM, N2ND_TRY, SELF, NOTIFY]
        );
        assert_eq!(
            INVENTORY_SOAP12_OPERATIONS,
            [GET_ITEM2, N2ND_TRY2, SELF2, NOTIFY2]
        );
        for (soap11, soap12) in INVENTORY_SOAP_OPERATIONS
            .iter()
            .zip(INVENTORY_SOAP12_OPERATIONS)
        {
            assert_eq!(soap11.soap_action, soap12.soap_action);
            assert_eq!(soap11.input, soap12.input);
            assert_eq!(soap11.style, Style::Document);
        }
        assert_eq!(GET_ITEM.input.namespace, NS);
        assert_eq!(GET_ITEM.input.local_name, "get-item");
        assert_eq!(N2ND_TRY.input.local_name, "_2ndTry");
        assert_eq!(SELF.output.map(|o| o.local_name), Some("SelfResponse"));
        // The `type` part is a header, not the body.
        assert_eq!(GET_ITEM.input_headers.len(), 1);
        assert_eq!(GET_ITEM.input_headers[0].part, "type");
        assert_eq!(GET_ITEM.input_headers[0].element.local_name, "tenant");
        assert_eq!(NOTIFY.output, None);
        assert_eq!(
            InventorySoapClient::<InProcessTransport<InventorySoapServer<Store>>>::WSDL_ADDRESS,
            Some("http://localhost:8080/inventory/soap11")
        );
        assert_eq!(
            InventorySoap12Client::<InProcessTransport<InventorySoap12Server<Store>>>::WSDL_ADDRESS,
            Some("http://localhost:8080/inventory/soap12")
        );
        assert_eq!(
            AuditClient::<InProcessTransport<AuditServer<Store>>>::WSDL_ADDRESS,
            Some("http://localhost:8081/audit")
        );
    }

    /// Records what it was called with.
    #[derive(Clone, Default)]
    struct Store {
        seen: Arc<Mutex<Vec<String>>>,
    }

    impl Store {
        fn saw(&self, what: String) {
            self.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(what);
        }

        fn seen(&self) -> Vec<String> {
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
        }
    }

    impl InventorySoap for Store {
        async fn get_item(
            &self,
            request: Request<GetItem, GetItemRequestHeaders>,
        ) -> Result<Response<GetItemResponse, ()>, Error> {
            let (body, headers) = request.into_parts();
            self.saw(format!(
                "1.1 get-item {} {:?}",
                body.item_id, headers.r#type
            ));
            Ok(Response::new(GetItemResponse {
                n2nd_try: body.self_.unwrap_or(false),
                r#match: vec![body.r#type.unwrap_or_default()],
            }))
        }

        async fn notify(&self, request: Request<Notify, ()>) -> Result<Response<(), ()>, Error> {
            self.saw(format!("1.1 notify {}", request.body().message));
            Ok(Response::new(()))
        }
    }

    impl InventorySoap12 for Store {
        async fn n2nd_try(
            &self,
            request: Request<N2ndTry, ()>,
        ) -> Result<Response<N2ndTryResponse, ()>, Error> {
            self.saw(format!("1.2 _2ndTry {}", request.body().attempt));
            Ok(Response::new(N2ndTryResponse {}))
        }

        async fn self_(
            &self,
            _request: Request<Self_, ()>,
        ) -> Result<Response<SelfResponse, ()>, Error> {
            Ok(Response::new(SelfResponse {
                name: "inventory".into(),
            }))
        }

        async fn notify(&self, request: Request<Notify, ()>) -> Result<Response<(), ()>, Error> {
            self.saw(format!("1.2 notify {}", request.body().message));
            Ok(Response::new(()))
        }
    }

    impl Audit for Store {
        async fn log(&self, request: Request<Log, ()>) -> Result<Response<LogResponse, ()>, Error> {
            self.saw(format!("audit {}", request.body().entry));
            Ok(Response::new(LogResponse { sequence: 7 }))
        }
    }

    #[test]
    fn both_bindings_and_the_one_way_operation_work_in_process() {
        let store = Store::default();
        let soap11 = InventorySoapClient::with_transport(
            "http://in-process/inventory/soap11",
            InProcessTransport::new(InventorySoapServer::new(store.clone())),
        );
        let soap12 = InventorySoap12Client::with_transport(
            "http://in-process/inventory/soap12",
            InProcessTransport::new(InventorySoap12Server::new(store.clone())),
        );
        let audit = AuditClient::with_transport(
            "http://in-process/audit",
            InProcessTransport::new(AuditServer::new(store.clone())),
        );
        block_on(async {
            let request = Request::with_headers(
                GetItem {
                    item_id: 5,
                    r#type: Some("bolt".into()),
                    self_: Some(true),
                },
                GetItemRequestHeaders {
                    r#type: Some("nord".into()),
                },
            );
            let response = soap11.get_item(request).await.unwrap().into_inner();
            assert_eq!(
                response,
                GetItemResponse {
                    n2nd_try: true,
                    r#match: vec!["bolt".into()],
                }
            );
            // A one-way call returns once the server accepted the request.
            soap11
                .notify(Request::new(Notify {
                    message: "restocked".into(),
                }))
                .await
                .unwrap();
            soap12
                .n2nd_try(Request::new(N2ndTry { attempt: 2 }))
                .await
                .unwrap();
            let me = soap12.self_(Request::new(Self_ {})).await.unwrap();
            assert_eq!(me.body().name, "inventory");
            soap12
                .notify(Request::new(Notify {
                    message: "again".into(),
                }))
                .await
                .unwrap();
            // Not implemented by `Store` for SOAP 1.2: the default answers with a fault.
            let error = soap12
                .get_item(Request::new(GetItem::default()))
                .await
                .unwrap_err();
            let fault = error.fault().unwrap_or_else(|| panic!("{error}"));
            assert_eq!(fault.version, SoapVersion::Soap12);
            assert!(fault.reason.contains("get-item"), "{}", fault.reason);
            let logged = audit
                .log(Request::new(Log {
                    entry: "checked".into(),
                }))
                .await
                .unwrap();
            assert_eq!(logged.body().sequence, 7);
        });
        assert_eq!(
            store.seen(),
            [
                "1.1 get-item 5 Some(\"nord\")",
                "1.1 notify restocked",
                "1.2 _2ndTry 2",
                "1.2 notify again",
                "audit checked",
            ]
        );
    }

    every_type_round_trips!();
}

/// Document/literal bare: body elements of a named complex type and of simple types.
pub mod document_bare {
    include!("../../wsdl/fixtures/document_bare/expected.rs");

    use super::*;
    use soap_runtime::{Error, InProcessTransport, Request, Response};

    const NS: &str = "http://fixtures.example.com/document_bare";

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("document_bare");
        // The body element `Restock` is of the named type `Article`.
        let article: Article = from_xml_as(&xml, NS, RESTOCK.input.local_name).unwrap();
        assert_eq!(article.sku, "BOLT-12");
        assert_eq!(article.quantity, 250);
        assert_eq!(
            article.price.map(|p| p.to_string()).as_deref(),
            Some("0.35")
        );
        let written = to_xml_as(&article, NS, "Restock").unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn simple_bodies_are_structs_with_a_value() {
        let on_hand: OnHand =
            from_xml(br#"<OnHand xmlns="http://fixtures.example.com/document_bare"> 12 </OnHand>"#)
                .unwrap();
        assert_eq!(on_hand, OnHand { value: 12 });
        let status: Status = from_xml(
            br#"<Status xmlns="http://fixtures.example.com/document_bare">Backorder</Status>"#,
        )
        .unwrap();
        assert_eq!(status.value, Availability::Backorder);
        assert_eq!(
            String::from_utf8(
                to_xml(&Sku {
                    value: "NUT-3".into()
                })
                .unwrap()
            )
            .unwrap(),
            r#"<ns0:Sku xmlns:ns0="http://fixtures.example.com/document_bare">NUT-3</ns0:Sku>"#
        );
        let error = decode_error::<OnHand>(
            r#"<OnHand xmlns="http://fixtures.example.com/document_bare">many</OnHand>"#,
        );
        assert!(is_invalid_value(error.kind(), "xs:int", "many"), "{error}");
        assert_eq!(
            (
                RESTOCK.input.local_name,
                RESTOCK.output.map(|o| o.local_name)
            ),
            ("Restock", Some("OnHand"))
        );
        assert_eq!(
            (CHECK.input.local_name, CHECK.output.map(|o| o.local_name)),
            ("Sku", Some("Status"))
        );
        assert_eq!((ANNOTATE.input.local_name, ANNOTATE.output), ("Note", None));
    }

    struct Warehouse;

    impl Stock for Warehouse {
        async fn restock(
            &self,
            request: Request<Article, ()>,
        ) -> Result<Response<OnHand, ()>, Error> {
            Ok(Response::new(OnHand {
                value: request.body().quantity + 1,
            }))
        }

        async fn check(&self, request: Request<Sku, ()>) -> Result<Response<Status, ()>, Error> {
            let value = if request.body().value.starts_with("OLD") {
                Availability::Discontinued
            } else {
                Availability::InStock
            };
            Ok(Response::new(Status { value }))
        }
    }

    #[test]
    fn bare_bodies_cross_the_call_layer() {
        let client = StockClient::with_transport(
            "http://in-process/stock",
            InProcessTransport::new(StockServer::new(Warehouse)),
        );
        block_on(async {
            let article = Article {
                sku: "BOLT-12".into(),
                quantity: 250,
                price: None,
            };
            let on_hand = client.restock(Request::new(article)).await.unwrap();
            assert_eq!(on_hand.body().value, 251);
            let status = client
                .check(Request::new(Sku {
                    value: "OLD-1".into(),
                }))
                .await
                .unwrap();
            assert_eq!(status.body().value, Availability::Discontinued);
        });
    }

    every_type_round_trips!();
}

/// rpc/literal: wrapper elements named after the operation in the `soap:body` namespace,
/// holding one unqualified element per part.
pub mod rpc_literal {
    include!("../../wsdl/fixtures/rpc_literal/expected.rs");

    use super::*;
    use soap_runtime::operation::Style;
    use soap_runtime::{Error, InProcessTransport, Request, Response};

    const WRAPPER: &str = "http://fixtures.example.com/rpc_literal/wrapper";

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("rpc_literal");
        let request: AddRequest = from_xml(&xml).unwrap();
        assert_eq!(request.a, 40);
        assert_eq!(request.b, 2);
        assert_eq!(request.r#type, Rounding::Down);
        assert_eq!(request.origin, Point { x: 1.5, y: -2.25 });
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn wrappers_are_named_after_the_operation_and_parts_are_unqualified() {
        assert_eq!(ADD.style, Style::Rpc);
        assert_eq!(
            (ADD.input.namespace, ADD.input.local_name),
            (WRAPPER, "Add")
        );
        let output = ADD.output.unwrap();
        assert_eq!(
            (output.namespace, output.local_name),
            (WRAPPER, "AddResponse")
        );
        assert_eq!(
            (
                <AddRequest as XmlElement>::NAMESPACE,
                <AddRequest as XmlElement>::LOCAL_NAME
            ),
            (WRAPPER, "Add")
        );
        assert_eq!(<ResetResponse as XmlElement>::LOCAL_NAME, "ResetResponse");
        let written = canonical::parse(
            &to_xml(&AddResponse {
                sum: 42,
                trace: "ok".into(),
            })
            .unwrap(),
        )
        .unwrap();
        let names: Vec<&str> = written.elements().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "{}sum",
                "{http://fixtures.example.com/rpc_literal/types}Trace"
            ]
        );
        // A qualified part accessor is another element: `a` is then missing.
        let xml = example!("rpc_literal");
        let error = decode_error::<AddRequest>(&edited(&xml, "<a>40</a>", "<c:a>40</c:a>"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement { name: "a".into() }
        );
    }

    struct Adder;

    impl Calculator for Adder {
        async fn add(
            &self,
            request: Request<AddRequest, ()>,
        ) -> Result<Response<AddResponse, ()>, Error> {
            let body = request.into_inner();
            Ok(Response::new(AddResponse {
                sum: i64::from(body.a) + i64::from(body.b),
                trace: format!("{} at {},{}", body.r#type, body.origin.x, body.origin.y),
            }))
        }

        async fn reset(
            &self,
            _request: Request<ResetRequest, ()>,
        ) -> Result<Response<ResetResponse, ()>, Error> {
            Ok(Response::new(ResetResponse {}))
        }
    }

    #[test]
    fn rpc_calls_cross_the_call_layer() {
        let client = CalculatorClient::with_transport(
            "http://in-process/calculator",
            InProcessTransport::new(CalculatorServer::new(Adder)),
        );
        block_on(async {
            let response = client
                .add(Request::new(AddRequest {
                    a: i32::MAX,
                    b: 1,
                    r#type: Rounding::Up,
                    origin: Point { x: 0.5, y: 1.0 },
                }))
                .await
                .unwrap()
                .into_inner();
            assert_eq!(response.sum, 2_147_483_648);
            assert_eq!(response.trace, "up at 0.5,1");
            client.reset(Request::new(ResetRequest {})).await.unwrap();
        });
    }

    every_type_round_trips!();
}

/// `wsdl:fault` with typed details: an enum per operation, encoded by the server and decoded
/// by the client.
pub mod faults {
    include!("../../wsdl/fixtures/faults/expected.rs");

    use super::*;
    use soap_runtime::fault::FaultBlame;
    use soap_runtime::types::Decimal;
    use soap_runtime::{Error, InProcessTransport, Request, Response};

    fn money(cents: i64) -> Decimal {
        Decimal::new(cents, 2)
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("faults");
        let envelope = soap_runtime::envelope::read_envelope::<(), WithdrawResponse>(
            &xml,
            &WITHDRAW.output.unwrap(),
            &soap_runtime::xml::ReaderConfig::default(),
        )
        .unwrap();
        let soap_runtime::envelope::Body::Fault(fault) = envelope.body else {
            panic!("the example is a fault");
        };
        assert_eq!(fault.reason, "Insufficient funds");
        assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
        let error = Error::from(*fault);
        let typed = WithdrawFault::from_error(&error).unwrap().unwrap();
        assert_eq!(
            typed,
            WithdrawFault::InsufficientFunds(FundsDetail {
                balance: money(1000),
                requested: money(25050),
            })
        );
        // `Close` does not declare this fault.
        assert_eq!(CloseFault::from_error(&error), None);
        let again = typed.into_error("Insufficient funds");
        // The fault code is a QName written with the envelope's prefix, `s`.
        let reply = soap_runtime::server::fault_reply(again.fault().unwrap());
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), reply.body());
    }

    struct Teller;

    impl Bank for Teller {
        async fn withdraw(
            &self,
            request: Request<Withdraw, ()>,
        ) -> Result<Response<WithdrawResponse, ()>, Error> {
            let body = request.into_inner();
            match body.account.as_str() {
                "locked" => Err(WithdrawFault::AccountLocked(AccountLocked {
                    until: None,
                    reason: "too many attempts".into(),
                })
                .into_error("Account locked")),
                "rich" => Ok(Response::new(WithdrawResponse {
                    balance: money(1_000_000) - body.amount,
                })),
                _ => Err(WithdrawFault::InsufficientFunds(FundsDetail {
                    balance: money(1000),
                    requested: body.amount,
                })
                .into_error("Insufficient funds")),
            }
        }

        async fn close(
            &self,
            request: Request<Close, ()>,
        ) -> Result<Response<CloseResponse, ()>, Error> {
            let code = i32::try_from(request.body().account.len()).unwrap_or(i32::MAX);
            Err(CloseFault::ErrorCode(ErrorCode { value: code }).into_error("cannot close"))
        }
    }

    #[test]
    fn typed_faults_cross_the_call_layer() {
        let client = BankClient::with_transport(
            "http://in-process/bank",
            InProcessTransport::new(BankServer::new(Teller)),
        );
        block_on(async {
            let withdraw = |account: &str| Withdraw {
                account: account.into(),
                amount: money(25050),
            };
            let ok = client
                .withdraw(Request::new(withdraw("rich")))
                .await
                .unwrap();
            assert_eq!(ok.body().balance, money(974_950));

            let error = client
                .withdraw(Request::new(withdraw("poor")))
                .await
                .unwrap_err();
            assert_eq!(
                error.fault().map(|f| f.reason.as_str()),
                Some("Insufficient funds")
            );
            assert_eq!(
                WithdrawFault::from_error(&error).unwrap().unwrap(),
                WithdrawFault::InsufficientFunds(FundsDetail {
                    balance: money(1000),
                    requested: money(25050),
                })
            );

            let error = client
                .withdraw(Request::new(withdraw("locked")))
                .await
                .unwrap_err();
            assert_eq!(
                WithdrawFault::from_error(&error).unwrap().unwrap(),
                WithdrawFault::AccountLocked(AccountLocked {
                    until: None,
                    reason: "too many attempts".into(),
                })
            );

            let error = client
                .close(Request::new(Close {
                    account: "12345".into(),
                }))
                .await
                .unwrap_err();
            assert_eq!(
                CloseFault::from_error(&error).unwrap().unwrap(),
                CloseFault::ErrorCode(ErrorCode { value: 5 })
            );
            // A fault without a typed detail is not one of them.
            assert_eq!(WithdrawFault::from_error(&error), None);
        });
    }

    #[test]
    fn a_malformed_detail_is_a_decode_error() {
        let xml = edited(
            &example!("faults"),
            "<Balance>10.00</Balance>",
            "<Balance>ten</Balance>",
        );
        let envelope = soap_runtime::envelope::read_envelope::<(), WithdrawResponse>(
            xml.as_bytes(),
            &WITHDRAW.output.unwrap(),
            &soap_runtime::xml::ReaderConfig::default(),
        )
        .unwrap();
        let soap_runtime::envelope::Body::Fault(fault) = envelope.body else {
            panic!("the example is a fault");
        };
        let error = WithdrawFault::from_error(&Error::from(*fault))
            .unwrap()
            .unwrap_err();
        assert!(
            is_invalid_value(error.kind(), "xs:decimal", "ten"),
            "{error}"
        );
    }

    every_type_round_trips!();
}

/// `wsdl:import` of the messages and port type; `xs:import` of another namespace,
/// `xs:include` of the same one, a chameleon include and a schema without target namespace.
pub mod imports {
    include!("../../wsdl/fixtures/imports/expected.rs");

    use super::*;
    use soap_runtime::types::Decimal;

    fn address(street: &str, city: &str, country: &str) -> Address {
        Address {
            street: street.into(),
            city: city.into(),
            country: country.into(),
        }
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("imports");
        let request: Ship = from_xml(&xml).unwrap();
        assert_eq!(request.parcel.weight_kg, Decimal::new(25, 1));
        assert_eq!(request.parcel.from, address("Kongens gate 1", "Oslo", "NO"));
        assert_eq!(request.to, address("Drottninggatan 2", "Stockholm", "SE"));
        let label = request.label.as_ref().unwrap();
        assert_eq!(label.format, LabelFormat::Zpl);
        assert_eq!(
            label.note,
            Some(Note2 {
                line: vec!["Fragile".into(), "This side up".into()],
                author: None,
            })
        );
        let customs = request.customs.as_ref().unwrap();
        assert_eq!(customs.currency, "NOK");
        assert_eq!(customs.hs_code, "8471.30");
        assert_eq!(customs.value, Decimal::new(199_900, 2));
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn each_file_keeps_its_namespace() {
        let xml = example!("imports");
        let request: Ship = from_xml(&xml).unwrap();
        let written = canonical::parse(&to_xml(&request).unwrap()).unwrap();
        let name = |path: &[&str]| {
            let mut node = &written;
            for local in path {
                node = node.child(local).unwrap_or_else(|| panic!("no {local}"));
            }
            node.name.clone()
        };
        // Included (same namespace) and chameleon-included types: the includer's namespace.
        assert_eq!(
            name(&["Parcel", "WeightKg"]),
            "{http://fixtures.example.com/imports}WeightKg"
        );
        assert_eq!(
            name(&["Label", "Format"]),
            "{http://fixtures.example.com/imports}Format"
        );
        assert_eq!(
            name(&["Label", "Note", "Line"]),
            "{http://fixtures.example.com/imports}Line"
        );
        // Imported: its own namespace.
        assert_eq!(
            name(&["To", "City"]),
            "{http://fixtures.example.com/imports/common}City"
        );
        // No target namespace: unqualified.
        assert_eq!(name(&["Customs", "HsCode"]), "{}HsCode");
        assert_eq!(
            namespaces::COMMON,
            "http://fixtures.example.com/imports/common"
        );
        // `Note` of common.xsd and the chameleon `Note` are two types.
        let response: ShipResponse = from_xml(
            br#"<ShipResponse xmlns="http://fixtures.example.com/imports" xmlns:c="http://fixtures.example.com/imports/common"><Tracking>T-1</Tracking><Note><c:Text>left at door</c:Text></Note></ShipResponse>"#,
        )
        .unwrap();
        assert_eq!(
            response.note,
            Some(Note {
                text: "left at door".into()
            })
        );
        // The operation comes from the imported WSDL's port type.
        assert_eq!(SHIPPING_OPERATIONS, [SHIP]);
        assert_eq!(SHIP.soap_action, "urn:shipping:Ship");
    }

    #[test]
    fn unqualified_elements_of_the_no_namespace_schema_must_be_unqualified() {
        let xml = example!("imports");
        let error = decode_error::<Ship>(&edited(
            &xml,
            r#"<HsCode xmlns="">8471.30</HsCode>"#,
            "<HsCode>8471.30</HsCode>",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "HsCode".into()
            }
        );
        assert_eq!(error.path(), "/Ship/Customs");
        let error = decode_error::<Ship>(&edited(&xml, r#" currency="NOK""#, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "currency".into()
            }
        );
    }

    every_type_round_trips!();
}

/// Attributes: optional, required, default, fixed, qualified by `form` and by
/// `attributeFormDefault`, references to global attributes, attribute groups (nested), an
/// anonymous enumeration, and `xs:anyAttribute`.
pub mod attributes {
    include!("../../wsdl/fixtures/attributes/expected.rs");

    use super::*;
    use soap_runtime::types::{AnyAttribute, DateTime, Decimal, QName, TimeZoneOffset};

    const NS: &str = "http://fixtures.example.com/attributes";
    const META: &str = "http://fixtures.example.com/attributes/meta";

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("attributes");
        let request: Save = from_xml(&xml).unwrap();
        assert!(!request.dry_run, "default `false`");
        let product = &request.product;
        assert_eq!(product.id, 9001);
        assert_eq!(product.label.as_deref(), Some("Lamp & shade"));
        assert_eq!(product.currency, "EUR", "default");
        assert_eq!(product.version, Decimal::new(20, 1), "fixed");
        assert_eq!(product.lang.as_deref(), Some("nb"));
        assert_eq!(product.state, Some(ProductStateAttribute::Published));
        assert_eq!(product.priority, 5, "default of the global attribute");
        assert_eq!(product.origin, "import");
        assert_eq!(product.created_by, "kari");
        assert_eq!(
            product.created_at,
            Some(
                DateTime::new(2024, 3, 1, 12, 0, 0)
                    .and_then(|d| d.with_offset(Some(TimeZoneOffset::Utc)))
                    .unwrap()
            )
        );
        assert_eq!(product.revision, 1, "default from the nested group");
        assert_eq!(product.name, "Reading lamp");
        assert_eq!(
            product.stamp,
            Some(Stamp {
                code: "QA-7".into(),
                note: Some("checked".into()),
                by: "ola".into(),
            })
        );
        assert_eq!(
            product.other_attributes,
            [
                AnyAttribute {
                    name: QName::new("urn:example:extra", "color"),
                    value: "green".into(),
                },
                AnyAttribute {
                    name: QName::new("urn:example:extra", "note"),
                    value: "kept".into(),
                },
            ]
        );
        // Defaults are written out: compare with them filled in.
        let filled = edited(
            &xml,
            r#"id="9001""#,
            r#"id="9001" currency="EUR" a:priority="5" revision="1""#,
        );
        let filled = filled.replace("<Save ", r#"<Save dryRun="false" "#);
        assert_writes_back(&request, filled.as_bytes());
    }

    #[test]
    fn attribute_namespaces_follow_form_and_attribute_form_default() {
        let xml = example!("attributes");
        let request: Save = from_xml(&xml).unwrap();
        let written = canonical::parse(&to_xml(&request).unwrap()).unwrap();
        let product = written.child("Product").unwrap();
        let names: Vec<&str> = product
            .attributes
            .iter()
            .map(|a| a.split('=').next().unwrap_or(a))
            .collect();
        for expected in [
            "{}id",
            "{}label",
            "{}createdBy",
            &format!("{{{NS}}}lang"),
            &format!("{{{NS}}}priority"),
            &format!("{{{NS}}}origin"),
            "{urn:example:extra}color",
        ] {
            assert!(names.contains(&expected), "{expected} in {names:?}");
        }
        let stamp = product.child("Stamp").unwrap();
        assert_eq!(
            stamp.attributes,
            [
                format!("{{{META}}}code=\"QA-7\""),
                "{}note=\"checked\"".to_owned(),
            ]
        );
        // An unqualified `lang` is not the qualified attribute: it is kept as another one.
        let other = from_xml::<Save>(edited(&xml, "a:lang=", "lang=").as_bytes()).unwrap();
        assert_eq!(other.product.lang, None);
        assert!(
            other
                .product
                .other_attributes
                .iter()
                .any(|a| a.name == QName::new("", "lang"))
        );
    }

    #[test]
    fn required_attributes_and_bad_values_are_reported() {
        let xml = example!("attributes");
        let error = decode_error::<Save>(&edited(&xml, r#" a:origin="import""#, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "origin".into()
            }
        );
        assert_eq!(error.path(), "/Save/Product");
        let error = decode_error::<Save>(&edited(&xml, r#"id="9001""#, r#"id="x""#));
        assert!(is_invalid_value(error.kind(), "xs:long", "x"), "{error}");
        assert_eq!(error.path(), "/Save/Product/@id");
        let error = decode_error::<Save>(&edited(&xml, r#"m:code="QA-7""#, r#"code="QA-7""#));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "code".into()
            }
        );
        let response: SaveResponse = from_xml(
            br#"<SaveResponse xmlns="http://fixtures.example.com/attributes" saved="1"/>"#,
        )
        .unwrap();
        assert!(response.saved);
    }

    every_type_round_trips!();
}

/// `simpleContent`: text of a built-in or enumeration type with attributes, extended and
/// restricted further.
pub mod simple_content {
    include!("../../wsdl/fixtures/simple_content/expected.rs");

    use super::*;
    use soap_runtime::types::Decimal;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("simple_content");
        let request: Quote = from_xml(&xml).unwrap();
        assert_eq!(
            request.net,
            Money {
                currency: "EUR".into(),
                value: Decimal::new(10000, 2),
            }
        );
        assert_eq!(
            request.gross,
            Some(TaxedMoney {
                currency: "EUR".into(),
                rate: Some(Decimal::new(25, 2)),
                value: Decimal::new(12500, 2),
            })
        );
        assert_eq!(
            request.fee,
            [
                SmallMoney {
                    currency: "EUR".into(),
                    value: Decimal::new(250, 2),
                },
                SmallMoney {
                    currency: "USD".into(),
                    value: Decimal::new(1, 0),
                },
            ]
        );
        assert_eq!(
            request.shade,
            Some(Shade {
                intensity: 80,
                value: Color::Green,
            })
        );
        assert_eq!(
            request.code,
            QuoteCode {
                scheme: Some("urn:iso:4217".into()),
                value: "Q-1 <draft>".into(),
            }
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn derived_values_convert_to_their_bases_and_defaults_apply() {
        let taxed = TaxedMoney {
            currency: "NOK".into(),
            rate: None,
            value: Decimal::new(5, 0),
        };
        assert_eq!(
            Money::from(taxed),
            Money {
                currency: "NOK".into(),
                value: Decimal::new(5, 0),
            }
        );
        let xml = example!("simple_content");
        let request: Quote = from_xml(edited(&xml, r#" intensity="80""#, "").as_bytes()).unwrap();
        assert_eq!(request.shade.map(|s| s.intensity), Some(50));
        let error = decode_error::<Quote>(&edited(&xml, ">100.00<", ">a lot<"));
        assert!(
            is_invalid_value(error.kind(), "xs:decimal", "a lot"),
            "{error}"
        );
        assert_eq!(error.path(), "/Quote/Net");
        let error = decode_error::<Quote>(&edited(&xml, r#"<Net currency="EUR">"#, "<Net>"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "currency".into()
            }
        );
    }

    every_type_round_trips!();
}

/// `complexContent/restriction`: the restated content model, inherited attributes, a
/// prohibited attribute, and a restriction of `xs:anyType`.
pub mod complex_restriction {
    include!("../../wsdl/fixtures/complex_restriction/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("complex_restriction");
        let request: Register = from_xml(&xml).unwrap();
        assert_eq!(
            request.contact,
            VerifiedContact {
                id: 7,
                name: "Ada".into(),
                email: "ada@example.com".into(),
            }
        );
        assert_eq!(
            request.referrer,
            Some(Contact {
                id: 3,
                note: Some("met at a fair".into()),
                name: "Charles".into(),
                email: None,
                phone: vec!["+44 1".into(), "+44 2".into()],
            })
        );
        assert_eq!(
            request.tag,
            [
                Tag {
                    weight: Some(2),
                    key: "source".into(),
                    value: Some("web".into()),
                },
                Tag {
                    weight: None,
                    key: "vip".into(),
                    value: None,
                },
            ]
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn the_restriction_has_only_its_own_content() {
        let xml = example!("complex_restriction");
        // `Email` is required in the restriction; `note` is prohibited, so not read.
        let error = decode_error::<Register>(&edited(&xml, "<Email>ada@example.com</Email>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Email".into()
            }
        );
        assert_eq!(error.path(), "/Register/Contact");
        let request: Register = from_xml(
            edited(
                &xml,
                r#"<Contact id="7">"#,
                r#"<Contact id="7" note="ignored">"#,
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(request.contact.id, 7);
        let error = decode_error::<Register>(&edited(&xml, r#"<Contact id="7">"#, "<Contact>"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute { name: "id".into() }
        );
        let error = decode_error::<Register>(&edited(
            &xml,
            "<Phone>+44 2</Phone>",
            "<Phone>+44 2</Phone><Phone>3</Phone><Phone>4</Phone>",
        ));
        assert_eq!(error.path(), "/Register/Referrer");
    }

    every_type_round_trips!();
}

/// `xs:choice` as an enum (nested choices flattened, optional and repeated choices, a choice
/// group by reference, a recursive choice), `xs:all`, and a sequence group by reference.
pub mod choice {
    include!("../../wsdl/fixtures/choice/expected.rs");

    use super::*;
    use soap_runtime::types::Decimal;

    fn literal(n: i32) -> Expr {
        Expr {
            choice: Box::new(ExprChoice::Literal(n)),
        }
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("choice");
        let request: Pay = from_xml(&xml).unwrap();
        let payment = &request.payment;
        assert_eq!(payment.amount, Decimal::new(4990, 2));
        assert_eq!(
            payment.choice,
            PaymentChoice::Card(Card {
                number: "4111111111111111".into(),
                expiry: "12/29".into(),
            })
        );
        assert_eq!(payment.choice2, Some(PaymentChoice2::InvoiceId(20_240_017)));
        assert_eq!(
            payment.choice3,
            [
                PaymentChoice3::Tag("online".into()),
                PaymentChoice3::Flag(true),
                PaymentChoice3::Tag("promo".into()),
            ]
        );
        assert_eq!(
            payment.contact_choice,
            Some(PaymentContactChoice::Phone("+47 22 00 00 00".into()))
        );
        assert_eq!(payment.created_by, "web-shop");
        assert_eq!(payment.comment, None);
        assert_eq!(
            request.settings,
            Some(Settings {
                currency: "NOK".into(),
                retries: None,
                strict: false,
            })
        );
        assert_eq!(
            request.fee,
            Some(Expr {
                choice: Box::new(ExprChoice::Sum(Sum {
                    label: Some("total".into()),
                    term: vec![
                        literal(5),
                        Expr {
                            choice: Box::new(ExprChoice::Negate(literal(2))),
                        },
                    ],
                })),
            })
        );
        // `xs:all` is written in schema order.
        let in_order = edited(
            &xml,
            "<Strict>false</Strict>\n    <Currency>NOK</Currency>",
            "<Currency>NOK</Currency>\n    <Strict>false</Strict>",
        );
        assert_writes_back(&request, in_order.as_bytes());
    }

    #[test]
    fn nested_choices_are_flattened_and_any_alternative_reads() {
        let ns = "http://fixtures.example.com/choice";
        for (xml, expected) in [
            ("<Cash/>", PaymentChoice::Cash(PaymentCash {})),
            ("<Voucher>12</Voucher>", PaymentChoice::Voucher(12)),
            ("<Iban>NO93</Iban>", PaymentChoice::Iban("NO93".into())),
        ] {
            let document = format!(
                r#"<Payment xmlns="{ns}"><Amount>1</Amount>{xml}<CreatedBy>x</CreatedBy></Payment>"#
            );
            let payment: Payment = from_xml_as(document.as_bytes(), ns, "Payment").unwrap();
            assert_eq!(payment.choice, expected);
            assert_eq!(payment.choice2, None);
            assert!(payment.choice3.is_empty());
        }
        let response: PayResponse = from_xml(
            format!(r#"<PayResponse xmlns="{ns}"><Declined>limit</Declined></PayResponse>"#)
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(response.choice, PayResponseChoice::Declined("limit".into()));
    }

    #[test]
    fn a_required_choice_must_be_made_once() {
        let xml = example!("choice");
        let card = "<Card>\n      <Number>4111111111111111</Number>\n      <Expiry>12/29</Expiry>\n    </Card>";
        let error = decode_error::<Pay>(&edited(&xml, card, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "choice".into()
            }
        );
        assert_eq!(error.path(), "/Pay/Payment");
        let error =
            decode_error::<Pay>(&edited(&xml, card, "<Iban>NO93</Iban><Voucher>1</Voucher>"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::DuplicateElement {
                name: "Voucher".into()
            }
        );
        // The sequence group's required element is required in the type.
        let error = decode_error::<Pay>(&edited(&xml, "<CreatedBy>web-shop</CreatedBy>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "CreatedBy".into()
            }
        );
    }

    every_type_round_trips!();
}

/// `xs:any` and `xs:anyAttribute` kept as raw XML next to the known fields, and `xs:anyType`.
pub mod wildcards {
    include!("../../wsdl/fixtures/wildcards/expected.rs");

    use super::*;
    use soap_runtime::types::{
        AnyAttribute, AnyElement, AnyNode, AnyXml, DateTime, QName, TimeZoneOffset,
    };

    const GEO: &str = "urn:example:geo";
    const TRACE: &str = "urn:example:trace";

    fn element(ns: &str, local: &str, content: AnyXml) -> AnyNode {
        AnyNode::Element(AnyElement {
            name: QName::new(ns, local),
            content,
        })
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("wildcards");
        let request: Publish = from_xml(&xml).unwrap();
        let [event] = request.event.as_slice() else {
            panic!("one event expected: {:?}", request.event);
        };
        assert_eq!(event.id, "e-1");
        assert_eq!(event.kind, "login");
        assert_eq!(
            event.at,
            DateTime::new(2024, 6, 1, 8, 0, 0)
                .and_then(|d| d.with_offset(Some(TimeZoneOffset::Utc)))
                .unwrap()
        );
        assert_eq!(
            event.other_attributes,
            [
                AnyAttribute {
                    name: QName::new(TRACE, "span"),
                    value: "abc123".into(),
                },
                AnyAttribute {
                    name: QName::new("", "priority"),
                    value: "high".into(),
                },
            ]
        );
        let [position, note] = event.other_elements.as_slice() else {
            panic!(
                "two extension elements expected: {:?}",
                event.other_elements
            );
        };
        assert_eq!(position.name, QName::new(GEO, "Position"));
        assert_eq!(
            position.content,
            AnyXml {
                xsi_type: None,
                attributes: vec![AnyAttribute {
                    name: QName::new(GEO, "datum"),
                    value: "WGS84".into(),
                }],
                children: vec![
                    element(GEO, "Lat", AnyXml::text("59.91")),
                    element(GEO, "Lon", AnyXml::text("10.75")),
                ],
            }
        );
        assert_eq!(note.name, QName::new(TRACE, "Note"));
        assert_eq!(
            note.content.children,
            [
                AnyNode::Text("first ".into()),
                element(TRACE, "b", AnyXml::text("bold")),
                AnyNode::Text(" text".into()),
            ]
        );
        let envelope = request.envelope.as_ref().unwrap();
        assert_eq!(envelope.source, "gateway");
        assert_eq!(
            envelope.other_elements,
            Some(AnyElement {
                name: QName::new(GEO, "Region"),
                content: AnyXml::text("north"),
            })
        );
        let payload = request.payload.as_ref().unwrap();
        assert_eq!(payload.attributes.len(), 1);
        assert_eq!(payload.text_content(), "some ");
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn known_elements_are_not_taken_by_the_wildcard_and_one_any_is_at_most_one() {
        let ns = "http://fixtures.example.com/wildcards";
        let xml = format!(
            r#"<Envelope xmlns="{ns}" xmlns:g="{GEO}"><g:A/><Source>s</Source><g:B/></Envelope>"#
        );
        let envelope: Envelope = from_xml_as(xml.as_bytes(), ns, "Envelope").unwrap();
        assert_eq!(envelope.source, "s");
        // The first extension element is kept; a second has no place and is skipped.
        assert_eq!(
            envelope.other_elements.map(|e| e.name),
            Some(QName::new(GEO, "A"))
        );
    }

    every_type_round_trips!();
}

/// An abstract type with two extensions, chosen by `xsi:type`; a substitution group with an
/// abstract head, chosen by element name.
pub mod polymorphism {
    include!("../../wsdl/fixtures/polymorphism/expected.rs");

    use super::*;

    fn circle(id: &str, radius: f64) -> ShapeKind {
        ShapeKind::Circle(Circle {
            id: id.into(),
            radius,
        })
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("polymorphism");
        let request: Draw = from_xml(&xml).unwrap();
        assert_eq!(request.main, circle("c1", 2.5));
        assert_eq!(
            request.shape,
            [
                ShapeKind::Rectangle(Rectangle {
                    id: "r1".into(),
                    width: 3.0,
                    height: 4.0,
                }),
                circle("c2", 1.0),
            ]
        );
        assert_eq!(
            request.animal_choice,
            [
                AnimalChoice::Cat(CatType {
                    name: "Tom".into(),
                    lives: 9,
                }),
                AnimalChoice::Dog(Dog {
                    name: "Rex".into(),
                    good_boy: true,
                }),
            ]
        );
        assert_eq!(
            request.mascot,
            Some(DrawMascot {
                animal_choice: AnimalChoice::Dog(Dog {
                    name: "Laika".into(),
                    good_boy: true,
                }),
                label_choice: Some(LabelChoice::Label(Label {
                    text: "Good dog".into(),
                })),
            })
        );
        // A head that is not abstract is one of the choices, next to its members.
        assert_eq!(
            request.label_choice,
            [
                LabelChoice::Caption(CaptionType {
                    text: "Shapes".into(),
                    lang: "en".into(),
                }),
                LabelChoice::Label(Label {
                    text: "Animals".into(),
                }),
                // A member without a type of its own has its head's type.
                LabelChoice::Title(Label { text: "Zoo".into() }),
            ]
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn xsi_type_is_written_and_required_for_the_abstract_base() {
        let request = Draw {
            main: circle("c", 1.0),
            shape: vec![ShapeKind::Rectangle(Rectangle {
                id: "r".into(),
                width: 1.0,
                height: 2.0,
            })],
            animal_choice: Vec::new(),
            mascot: None,
            label_choice: Vec::new(),
        };
        let written = String::from_utf8(to_xml(&request).unwrap()).unwrap();
        let main = written.find("<ns0:Main ").unwrap();
        let shape = written.find("<ns0:Shape ").unwrap();
        assert!(
            written[main..shape].contains(r#" xsi:type="ns0:Circle""#),
            "{written}"
        );
        assert!(
            written[shape..].contains(r#" xsi:type="ns0:Rectangle""#),
            "{written}"
        );
        assert_eq!(
            Shape::from(Circle {
                id: "c".into(),
                radius: 1.0
            }),
            Shape { id: "c".into() }
        );

        let xml = example!("polymorphism");
        let error = decode_error::<Draw>(&edited(&xml, r#"<Main xsi:type="p:Circle">"#, "<Main>"));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::Other(
                "abstract type Shape needs an xsi:type naming one of its concrete types".into()
            )
        );
        assert_eq!(error.path(), "/Draw/Main");
        // The abstract head itself may not appear: it is an unknown element, skipped.
        let request: Draw =
            from_xml(edited(&xml, "<Cat>", "<Animal><Name>?</Name></Animal><Cat>").as_bytes())
                .unwrap();
        assert_eq!(request.animal_choice.len(), 2);
        let error = decode_error::<Draw>(&edited(
            &xml,
            "<Dog>\n      <Name>Laika</Name>\n      <GoodBoy>true</GoodBoy>\n    </Dog>",
            "",
        ));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "animal_choice".into()
            }
        );
    }

    every_type_round_trips!();
}

/// Mixed content kept whole, text and elements in order, on a type and on complex content.
pub mod mixed {
    include!("../../wsdl/fixtures/mixed/expected.rs");

    use super::*;
    use soap_runtime::types::{AnyAttribute, AnyElement, AnyNode, AnyXml, QName};

    const NS: &str = "http://fixtures.example.com/mixed";

    fn element(local: &str, text: &str) -> AnyNode {
        AnyNode::Element(AnyElement {
            name: QName::new(NS, local),
            content: AnyXml::text(text),
        })
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("mixed");
        let request: Post = from_xml(&xml).unwrap();
        assert_eq!(request.author, "Ada");
        let [first, second] = request.paragraph.as_slice() else {
            panic!("two paragraphs expected");
        };
        assert_eq!(
            first.content.attributes,
            [AnyAttribute {
                name: QName::new("", "lang"),
                value: "en".into(),
            }]
        );
        let link = AnyNode::Element(AnyElement {
            name: QName::new(NS, "link"),
            content: AnyXml {
                xsi_type: None,
                attributes: vec![AnyAttribute {
                    name: QName::new("", "href"),
                    value: "http://example.com/".into(),
                }],
                children: vec![AnyNode::Text("this".into())],
            },
        });
        assert_eq!(
            first.content.children,
            [
                AnyNode::Text("Hello ".into()),
                element("b", "bold"),
                AnyNode::Text(" and ".into()),
                element("i", "italic"),
                AnyNode::Text(" world, see ".into()),
                link,
                AnyNode::Text(".".into()),
            ]
        );
        assert_eq!(second.content, AnyXml::text("Plain text only."));
        let aside = request.aside.as_ref().unwrap();
        assert_eq!(
            aside.content.children,
            [
                element("Title", "Note"),
                AnyNode::Text("Remember ".into()),
                element("Ref", "R-1"),
                AnyNode::Text(" later.".into()),
            ]
        );
        assert_writes_back(&request, &xml);
    }

    every_type_round_trips!();
}

/// `xs:union` kept as text; `xs:list` of integers, of an enumeration, of strings, of an
/// anonymous type, as an element and as an attribute.
pub mod unions_lists {
    include!("../../wsdl/fixtures/unions_lists/expected.rs");

    use super::*;
    use soap_runtime::types::List;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("unions_lists");
        let request: Render = from_xml(&xml).unwrap();
        assert_eq!(request.margins, Some(List(vec![4, 8, 4, 8])));
        assert_eq!(request.width, "auto");
        assert_eq!(request.height, "12.5");
        assert_eq!(request.columns, List(vec![1, 2, 3]));
        assert_eq!(
            request.palette,
            Some(List(vec![
                Color::Red,
                Color::Blue,
                Color::Unknown("purple".into())
            ]))
        );
        assert_eq!(
            request.classes,
            List(vec!["card".to_owned(), "wide".to_owned()])
        );
        assert_eq!(request.weights, List(vec![0.5, 1.5, -2.0]));
        // Lists are written with single spaces.
        let normalized = edited(
            &xml,
            "<Columns> 1 2\n    3 </Columns>",
            "<Columns>1 2 3</Columns>",
        );
        assert_writes_back(&request, normalized.as_bytes());
    }

    #[test]
    fn a_bad_item_is_reported_with_its_position() {
        let xml = example!("unions_lists");
        let error = decode_error::<Render>(&edited(
            &xml,
            "<Weights>0.5 1.5 -2.0</Weights>",
            "<Weights>0.5 x</Weights>",
        ));
        assert!(
            matches!(error.kind(), DecodeErrorKind::InvalidValue { expected, found, .. } if *expected == "xs:list" && found == "0.5 x"),
            "{error}"
        );
        assert!(error.to_string().contains("item 2"), "{error}");
        assert_eq!(error.path(), "/Render/Weights");
        let error = decode_error::<Render>(&edited(
            &xml,
            r#"margins="4 8 4 8""#,
            r#"margins="4 eight""#,
        ));
        assert_eq!(error.path(), "/Render/@margins");
        // Empty lists are empty, not missing.
        let request: Render =
            from_xml(edited(&xml, "<Classes>card wide</Classes>", "<Classes/>").as_bytes())
                .unwrap();
        assert!(request.classes.is_empty());
    }

    every_type_round_trips!();
}

/// Element `default` and `fixed` values: taken when the element is present but empty.
pub mod defaults {
    include!("../../wsdl/fixtures/defaults/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("defaults");
        let request: Submit = from_xml(&xml).unwrap();
        assert_eq!(request.mode, "batch", "attribute default");
        assert_eq!(request.name, "nightly");
        assert_eq!(request.retries, 3);
        assert_eq!(request.priority, Priority::Normal);
        assert_eq!(request.timeout, Some(30.5));
        assert_eq!(request.queue.as_deref(), Some("fast"));
        assert_eq!(request.version, "1.0", "fixed");
        assert_eq!(request.notify, Some(true));
        assert_eq!(request.tag, ["none", "db"]);
        // Defaults are written as values.
        let mut filled = String::from_utf8(xml.clone()).unwrap();
        for (from, to) in [
            ("<Submit ", r#"<Submit mode="batch" "#),
            ("<Retries/>", "<Retries>3</Retries>"),
            ("<Priority></Priority>", "<Priority>normal</Priority>"),
            ("<Timeout/>", "<Timeout>30.5</Timeout>"),
            ("<Version/>", "<Version>1.0</Version>"),
            ("<Notify/>", "<Notify>true</Notify>"),
            ("<Tag/>", "<Tag>none</Tag>"),
        ] {
            filled = edited(filled.as_bytes(), from, to);
        }
        assert_writes_back(&request, filled.as_bytes());
    }

    #[test]
    fn absent_elements_are_not_defaulted_and_values_win() {
        let xml = example!("defaults");
        let request: Submit = from_xml(
            edited(&xml, "<Timeout/>", "")
                .replace(
                    "<Notify/>",
                    r#"<Notify xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>"#,
                )
                .replace("<Retries/>", "<Retries>0</Retries>")
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(request.timeout, None);
        assert_eq!(request.notify, None);
        assert_eq!(request.retries, 0);
        // A required element with a default must still be present.
        let error = decode_error::<Submit>(&edited(&xml, "<Retries/>", ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingElement {
                name: "Retries".into()
            }
        );
    }

    every_type_round_trips!();
}

/// Anonymous types three levels deep, named after their path; an anonymous enumeration.
pub mod anonymous {
    include!("../../wsdl/fixtures/anonymous/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("anonymous");
        let request: PlaceOrder = from_xml(&xml).unwrap();
        assert_eq!(
            request.customer,
            PlaceOrderCustomer {
                name: "Nordlys AS".into(),
                address: PlaceOrderCustomerAddress {
                    street: "Storgata 1".into(),
                    geo: Some(PlaceOrderCustomerAddressGeo {
                        lat: 69.6496,
                        lon: 18.956,
                    }),
                },
                tier: PlaceOrderCustomerTier::Gold,
            }
        );
        assert_eq!(
            request.line,
            [
                PlaceOrderLine {
                    sku: "A-1".into(),
                    quantity: 2,
                },
                PlaceOrderLine {
                    sku: "B-2".into(),
                    quantity: 1,
                },
            ]
        );
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn the_same_field_name_under_two_parents_is_two_types() {
        let response: PlaceOrderResponse = from_xml(
            br#"<PlaceOrderResponse xmlns="http://fixtures.example.com/anonymous"><Receipt><Number>R-9</Number><Address><Email>a@b.c</Email></Address></Receipt></PlaceOrderResponse>"#,
        )
        .unwrap();
        assert_eq!(
            response.receipt,
            PlaceOrderResponseReceipt {
                number: "R-9".into(),
                address: PlaceOrderResponseReceiptAddress {
                    email: "a@b.c".into(),
                },
            }
        );
        let xml = example!("anonymous");
        let error = decode_error::<PlaceOrder>(&edited(&xml, r#" lon="18.956""#, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute { name: "lon".into() }
        );
        assert_eq!(error.path(), "/PlaceOrder/Customer/Address/Geo");
    }

    every_type_round_trips!();
}

/// Built-ins kept as their lexical form (dates, times, `g…` types, hexBinary, NMTOKENS) and
/// the `xs:integer` family as 64-bit integers.
pub mod text_builtins {
    include!("../../wsdl/fixtures/text_builtins/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("text_builtins");
        let schedule: Schedule = from_xml(&xml).unwrap();
        assert_eq!(
            schedule,
            Schedule {
                count: -9_000_000_000,
                offset: -3,
                capacity: u64::MAX,
                day: "2024-02-29+01:00".into(),
                at: "13:20:00.5Z".into(),
                year: Some("-0044".into()),
                month: Some("2024-12".into()),
                checksum: Some("0FB7".into()),
                tags: Some("red green".into()),
            }
        );
        assert_writes_back(&schedule, &xml);
    }

    #[test]
    fn an_integer_beyond_64_bits_is_an_error_naming_the_element() {
        let xml = edited(
            &example!("text_builtins"),
            "18446744073709551615",
            "18446744073709551616",
        );
        let error = decode_error::<Schedule>(&xml);
        assert_eq!(error.path(), "/Schedule/Capacity");
        assert!(error.to_string().contains("out of range"), "{error}");
    }

    every_type_round_trips!();
}

/// Types, elements, parts and operations named after what generated code refers to: prelude
/// items, standard traits, the runtime's `Request`, `Response`, `Error`, `Client` and `Server`,
/// the generic parameters of clients and servers, `Self` and `self`. The generated code names
/// every standard item by absolute path, so these names are kept as they are (only `Impl` and
/// `Tport` are renamed) and shadow nothing. The code here must spell out what it means too:
/// in this module `Option`, `String`, `Result`, `Vec`, `Box`, `Default`… are generated types.
pub mod hostile_names {
    include!("../../wsdl/fixtures/hostile_names/expected.rs");

    use super::*;
    use soap_runtime as rt;
    use soap_runtime::types::List;
    use std::sync::{Arc, Mutex};

    type Text = ::std::string::String;

    fn text(value: &str) -> Text {
        value.to_owned()
    }

    fn headers() -> HostileRequestHeaders {
        HostileRequestHeaders {
            self_: Some(Self_ { self_: text("me") }),
            tport: Some(text("carrier pigeon")),
        }
    }

    fn request() -> Request {
        Request {
            option: Option {
                ok: Some(Ok::Yes),
                err: Some([ErrFlag::Send, ErrFlag::Sync].into_iter().collect()),
                // `Some(None {})`: the prelude's `Some` (a value) of the generated `None` (a type).
                some: Some(Some { value: 1 }),
                none: Some(None {}),
                vec: vec![List(vec![2, 3]), List(vec![])],
            },
            result: Some(Result {
                choice: ResultChoice::Err(Error {
                    message: text("no"),
                    code: 7,
                }),
            }),
            r#box: Some(Box {
                label: text("outer"),
                r#box: Some(::std::boxed::Box::new(Box {
                    label: text("inner"),
                    r#box: None,
                })),
            }),
            future: FutureKind::Sync(Sync {
                id: text("f1"),
                shared: 4,
            }),
            default: Default {
                into: Some(List(vec![5])),
                from: text("from"),
                string: vec![text("a"), text("b")],
                count: Some(6),
            },
            err: [ErrFlag::Sync].into_iter().collect(),
            ok: vec![Ok::No, Ok::UnknownValue, Ok::Unknown(text("Maybe"))],
            from: From {
                name: text("from"),
                extra: 8,
            },
            into: Some(IntoKind::From(From {
                name: text("into"),
                extra: 9,
            })),
            r#fn: Fn {
                arity: 2,
                value: text("call"),
            },
            clone: Some(Clone {
                depth: 1,
                some: vec![Some { value: 10 }],
            }),
            debug: Some(Debug {
                user_name: text("kari"),
                password: Some(text("hunter2")),
            }),
            self_: Some(Self_ {
                self_: text("Self"),
            }),
            self_2: Some(Self_ {
                self_: text("self"),
            }),
            r#impl: Some(Impl2 {
                r#impl: text("impl"),
            }),
            tport: Some(Tport2 {
                tport: text("tport"),
            }),
            client: Some(Client {
                server: Some(Server {
                    endpoint: text("http://localhost/"),
                }),
            }),
            iterator: Some(vec![text("x"), text("y")]),
            string: text("string"),
            vec: List(vec![11, 12]),
            error: Some(Error {
                message: text("error"),
                code: 12,
            }),
            send: Some(Send {
                id: text("s"),
                ready: true,
            }),
            sync: Some(Sync {
                id: text("y"),
                shared: 13,
            }),
        }
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("hostile_names");
        let (version, headers_read, body): (_, HostileRequestHeaders, Request) =
            read_example_envelope(&xml, &SEND);
        assert_eq!(version, rt::operation::SoapVersion::Soap11);
        assert_eq!(headers_read, headers());
        assert_eq!(body.option, request().option);
        assert_eq!(body.r#box, request().r#box);
        assert_eq!(body.future, request().future);
        assert_eq!(body.default, request().default);
        assert_eq!(body.ok, request().ok);
        assert_eq!(body.into, request().into);
        assert_eq!(body, request());
        let written =
            rt::envelope::write_envelope(SEND.soap_version, &headers_read, &SEND.input, &body)
                .unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn names_keep_their_meaning() {
        // Conversions to a base type named `Into`, from `From`, `Send` and `Sync`.
        let into: Into = From {
            name: text("n"),
            extra: 1,
        }
        .into();
        assert_eq!(into.name, "n");
        let future: Future = Send {
            id: text("s"),
            ready: false,
        }
        .into();
        assert_eq!(future.id, "s");
        // An enumeration named `Ok` with a value `Unknown`, a flag set named `Err`.
        assert_eq!(Ok::UnknownValue.as_str(), "Unknown");
        assert_eq!(Ok::Unknown(text("Maybe")).to_string(), "Maybe");
        // A type named `Debug` with a secret, a type named `Default` with defaults.
        let debug = format!("{:?}", request().debug);
        assert!(
            debug.contains("kari") && !debug.contains("hunter2"),
            "{debug}"
        );
        let default = <Default as ::core::default::Default>::default();
        assert!(
            default.string.is_empty() && default.count.is_none(),
            "{default:?}"
        );
        // `Vec` is a list of integers, `String` text.
        let list: Vec = List(vec![1, 2]);
        let string: String = text("text");
        assert_eq!((list.len(), string.len()), (2, 4));
        // The generic parameters of the client and server keep their names; the schema's
        // types of those names are renamed.
        assert_eq!(
            HostileClient::<rt::InProcessTransport<HostileServer<Recorder>>>::WSDL_ADDRESS,
            Some("http://localhost:8080/hostile")
        );
        assert_eq!(HOSTILE_OPERATIONS, [SEND, OPTION, FUTURE]);
        // One list of header parts per direction, shared by the operations.
        for op in HOSTILE_OPERATIONS {
            assert_eq!(
                op.input_headers, HOSTILE_REQUEST_HEADER_PARTS,
                "{}",
                op.name
            );
        }
        let parts: ::std::vec::Vec<&str> = HOSTILE_REQUEST_HEADER_PARTS
            .iter()
            .map(|p| p.part)
            .collect();
        assert_eq!(parts, ["Self", "Tport"]);
        assert_eq!(SEND.output_headers, HOSTILE_RESPONSE_HEADER_PARTS);
        assert_eq!(OPTION.output_headers, HOSTILE_RESPONSE_HEADER_PARTS);
        assert_eq!(FUTURE.output_headers, []);
        assert_eq!(SEND.input.local_name, "Request");
        assert_eq!(OPTION.output.map(|o| o.local_name), Some("Some"));
        assert_eq!(FUTURE.output, None);
    }

    /// Records the calls it serves.
    #[derive(::core::clone::Clone, ::core::default::Default)]
    struct Recorder {
        seen: Arc<Mutex<::std::vec::Vec<Text>>>,
    }

    impl Recorder {
        fn saw(&self, what: Text) {
            self.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(what);
        }

        fn seen(&self) -> ::std::vec::Vec<Text> {
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
        }
    }

    impl Hostile for Recorder {
        async fn send(
            &self,
            request: rt::Request<Request, HostileRequestHeaders>,
        ) -> ::core::result::Result<rt::Response<Response, SendResponseHeaders>, rt::Error>
        {
            let (body, headers) = request.into_parts();
            self.saw(format!("send {:?}", headers.tport));
            if body.string == "refuse" {
                return Err(SendFault::Error(Error {
                    message: text("refused"),
                    code: i32::try_from(body.vec.len()).unwrap_or(i32::MAX),
                })
                .into_error("refused"));
            }
            Ok(rt::Response::with_headers(
                Response {
                    result: body.result.unwrap_or(Result {
                        choice: ResultChoice::Ok(Ok::Yes),
                    }),
                    some: body.option.some,
                    none: body.option.none,
                },
                SendResponseHeaders { sync: Some(true) },
            ))
        }

        async fn option(
            &self,
            request: rt::Request<Option, HostileRequestHeaders>,
        ) -> ::core::result::Result<rt::Response<Some, OptionResponseHeaders>, rt::Error> {
            let (body, headers) = request.into_parts();
            self.saw(format!("option {:?}", headers.self_.map(|s| s.self_)));
            Ok(rt::Response::new(Some {
                value: body.vec.iter().flat_map(|list| list.iter()).sum(),
            }))
        }

        async fn future(
            &self,
            request: rt::Request<Box, HostileRequestHeaders>,
        ) -> ::core::result::Result<rt::Response<(), ()>, rt::Error> {
            self.saw(format!("future {}", request.body().label));
            Ok(rt::Response::new(()))
        }
    }

    #[test]
    fn operations_work_in_process() {
        let recorder = Recorder::default();
        let client = HostileClient::with_transport(
            "http://in-process/hostile",
            rt::InProcessTransport::new(HostileServer::new(recorder.clone())),
        )
        .with_default_headers(headers());
        block_on(async {
            let response = client.send(rt::Request::new(request())).await.unwrap();
            assert_eq!(response.headers().sync, Some(true));
            assert_eq!(response.body().result, request().result.unwrap());
            assert_eq!(response.body().some, Some(Some { value: 1 }));
            assert_eq!(response.body().none, Some(None {}));

            let mut refused = request();
            refused.string = text("refuse");
            let error = client.send(rt::Request::new(refused)).await.unwrap_err();
            assert_eq!(
                SendFault::from_error(&error).unwrap().unwrap(),
                SendFault::Error(Error {
                    message: text("refused"),
                    code: 2,
                })
            );

            let some = client
                .option(rt::Request::new(Option {
                    vec: vec![List(vec![1, 2]), List(vec![3])],
                    ..::core::default::Default::default()
                }))
                .await
                .unwrap();
            assert_eq!(some.body().value, 6);

            client
                .future(rt::Request::new(Box {
                    label: text("later"),
                    r#box: None,
                }))
                .await
                .unwrap();
        });
        assert_eq!(
            recorder.seen(),
            [
                "send Some(\"carrier pigeon\")",
                "send Some(\"carrier pigeon\")",
                "option Some(\"me\")",
                "future later",
            ]
        );
    }

    every_type_round_trips!();
}

/// Types that contain themselves through repeated elements: a type whose only child repeats
/// it (directly, through an element reference, through a named group), two types repeating
/// each other (named `Self` and `self`), an `ArrayOf` wrapper of itself, a type holding an
/// `ArrayOf` wrapper of itself, a dictionary of itself, a boxed linked list and a derived
/// type holding its base. Generated values of them nest to a bounded depth.
pub mod recursion {
    include!("../../wsdl/fixtures/recursion/expected.rs");

    use super::*;
    use proptest::strategy::{Strategy, ValueTree};
    use soap_runtime::arb::RECURSION_LIMIT;

    fn tree(children: ::std::vec::Vec<Tree>) -> Tree {
        Tree { tree: children }
    }

    fn folder(name: &str, sub_folders: Option<Vec<Option<Folder>>>) -> Folder {
        Folder {
            name: name.into(),
            sub_folders,
        }
    }

    fn map(entries: Vec<(&str, Map)>) -> Map {
        Map {
            entry: entries
                .into_iter()
                .map(|(key, value)| MapEntry {
                    key: key.into(),
                    value,
                })
                .collect(),
        }
    }

    fn walk() -> Walk {
        Walk {
            tree: tree(vec![tree(vec![tree(vec![]), tree(vec![])]), tree(vec![])]),
            node: Node {
                node: vec![Node {
                    node: vec![Node { node: vec![] }],
                }],
            },
            branch: Branch {
                branch: vec![
                    Branch { branch: vec![] },
                    Branch {
                        branch: vec![Branch { branch: vec![] }],
                    },
                ],
            },
            self_: Self_ {
                self_: vec![
                    Self2 {
                        self_: vec![Self_ { self_: vec![] }],
                    },
                    Self2 { self_: vec![] },
                ],
            },
            r#loop: Some(ArrayOfLoop {
                r#loop: vec![
                    None,
                    Some(ArrayOfLoop {
                        r#loop: vec![Some(ArrayOfLoop { r#loop: vec![] })],
                    }),
                ],
            }),
            folder: folder(
                "root",
                Some(vec![
                    Some(folder("docs", Some(vec![]))),
                    None,
                    Some(folder("src", None)),
                ]),
            ),
            map: map(vec![
                ("a", map(vec![("b", map(vec![]))])),
                ("c", map(vec![])),
            ]),
            chain: Some(Chain {
                value: 1,
                next: Some(Box::new(Chain {
                    value: 2,
                    next: Some(Box::new(Chain {
                        value: 3,
                        next: None,
                    })),
                })),
            }),
            shape: vec![
                ShapeKind::Shape(Shape { name: "dot".into() }),
                ShapeKind::Group(Group {
                    name: "outer".into(),
                    member: vec![
                        ShapeKind::Shape(Shape {
                            name: "inner dot".into(),
                        }),
                        ShapeKind::Group(Group {
                            name: "inner group".into(),
                            member: vec![],
                        }),
                    ],
                }),
            ],
        }
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("recursion");
        let request: Walk = from_xml(&xml).unwrap();
        let expected = walk();
        assert_eq!(request.tree, expected.tree);
        assert_eq!(request.node, expected.node);
        assert_eq!(request.branch, expected.branch);
        assert_eq!(request.self_, expected.self_);
        assert_eq!(request.r#loop, expected.r#loop);
        assert_eq!(request.folder, expected.folder);
        assert_eq!(request.map, expected.map);
        assert_eq!(request.chain, expected.chain);
        assert_eq!(request.shape, expected.shape);
        assert_eq!(request, expected);
        assert_writes_back(&request, &xml);
    }

    /// How many levels of `Tree` a tree has below its root.
    fn depth(tree: &Tree) -> u32 {
        let mut deepest = 0;
        let mut level: Vec<(&Tree, u32)> = vec![(tree, 0)];
        while let Some((node, at)) = level.pop() {
            deepest = deepest.max(at);
            level.extend(node.tree.iter().map(|child| (child, at + 1)));
        }
        deepest
    }

    #[test]
    fn generated_values_nest_to_the_recursion_limit() {
        let mut runner = TestRunner::deterministic();
        let strategy = any::<Tree>();
        let mut deepest = 0;
        for _ in 0..2_000 {
            let value = strategy.new_tree(&mut runner).unwrap().current();
            deepest = deepest.max(depth(&value));
        }
        assert_eq!(deepest, RECURSION_LIMIT);
    }

    every_type_round_trips!();
}

/// A foreign attribute on a schema declaration (`vendor:fixed`, `vendor:use`,
/// `vendor:minOccurs`, `vendor:type`) is not XML Schema's own: the fields are what the
/// unqualified attributes say.
pub mod foreign_attributes {
    include!("../../wsdl/fixtures/foreign_attributes/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("foreign_attributes");
        let request: Publish = from_xml(&xml).unwrap();
        let release = &request.release;
        // Not `vendor:fixed="v39.2"`: absent stays absent, and is not written.
        assert_eq!(release.version, None);
        // Not `vendor:default="stable"`.
        assert_eq!(release.channel, None);
        // Not `vendor:use="required"`, not `vendor:type="xsd:int"`.
        assert_eq!(release.build, Some(392));
        assert_eq!(release.label.as_deref(), Some("spring"));
        assert_eq!(release.title, "Spring release");
        // Not `vendor:minOccurs="1"`, not `vendor:maxOccurs="1"`.
        assert_eq!(release.notes, None);
        assert_eq!(release.tag, ["lts", "web"]);
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn the_fields_are_optional_as_the_unqualified_attributes_say() {
        let bare = Release {
            title: "t".into(),
            ..Release::default()
        };
        let written = String::from_utf8(to_xml_as(&bare, "urn:test", "v").unwrap()).unwrap();
        assert!(!written.contains("version"), "{written}");
        assert!(!written.contains("build"), "{written}");
        let read: PublishResponse = from_xml(
            br#"<PublishResponse xmlns="http://fixtures.example.com/foreign_attributes"><Id>R-2</Id></PublishResponse>"#,
        )
        .unwrap();
        assert_eq!(read.id, "R-2", "not `vendor:fixed`");
    }

    every_type_round_trips!();
}

/// `attributeFormDefault="qualified"` with attributes named `type` and `nil`: `ns0:type` is
/// data, never `xsi:type`, beside a real `xsi:type` in either order.
pub mod type_attribute {
    include!("../../wsdl/fixtures/type_attribute/expected.rs");

    use super::*;
    use soap_runtime::types::Decimal;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("type_attribute");
        let request: Post = from_xml(&xml).unwrap_or_else(|e| panic!("{e}"));
        let [first, second, third, fourth] = request.entry.as_slice() else {
            panic!("four entries: {:?}", request.entry);
        };
        let EntryKind::Entry(first) = first else {
            panic!("{first:?}")
        };
        assert_eq!(first.r#type, "first class");
        assert_eq!(first.nil.as_deref(), Some("true"), "`ns0:nil` is data too");
        assert_eq!(first.amount, Decimal::new(150, 2));
        // A value that looks like a QName is not a type either.
        let EntryKind::Entry(second) = second else {
            panic!("{second:?}")
        };
        assert_eq!(second.r#type, "ns0:Transfer");
        for (entry, kind, to) in [
            (third, "wire", "NO93 8601 1117 947"),
            (fourth, "card", "shop"),
        ] {
            let EntryKind::Transfer(transfer) = entry else {
                panic!("xsi:type Transfer: {entry:?}")
            };
            assert_eq!(transfer.r#type, kind);
            assert_eq!(transfer.to, to);
        }
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn a_missing_type_attribute_is_reported_as_missing_not_as_xsi_type() {
        let xml = example!("type_attribute");
        let error = decode_error::<Post>(&edited(&xml, r#" ns0:type="first class""#, ""));
        assert_eq!(
            error.kind(),
            &DecodeErrorKind::MissingAttribute {
                name: "type".into()
            }
        );
        assert_eq!(error.path(), "/Post/Entry");
    }

    every_type_round_trips!();
}

/// Required lists of a named enumeration: the struct is `Default` (every list empty) though
/// the enumeration is not.
pub mod list_of_enumeration {
    include!("../../wsdl/fixtures/list_of_enumeration/expected.rs");

    use super::*;
    use soap_runtime::types::List;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("list_of_enumeration");
        let request: Mix = from_xml(&xml).unwrap();
        assert_eq!(request.finishes, List(vec![Finish::Gloss, Finish::Matte]));
        assert_eq!(
            request.colors,
            List(vec![Color::Red, Color::Blue, Color::Unknown("teal".into())])
        );
        assert_eq!(request.accents, List(vec![Color::Green]));
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn the_default_has_empty_lists() {
        let mix = Mix::default();
        assert!(mix.finishes.is_empty() && mix.colors.is_empty() && mix.accents.is_empty());
        assert_eq!(MixResponse::default().result, List(Vec::new()));
        let written = String::from_utf8(to_xml(&mix).unwrap()).unwrap();
        assert!(written.contains(r#"finishes="""#), "{written}");
        assert_eq!(from_xml::<Mix>(written.as_bytes()).unwrap(), mix);
    }

    every_type_round_trips!();
}

/// Document-style parts that name a type: the body (and a header) is an unqualified element
/// named after the part, as zeep writes it.
pub mod type_parts {
    include!("../../wsdl/fixtures/type_parts/expected.rs");

    use super::*;
    use soap_runtime::types::Decimal;
    use soap_runtime::{Error, InProcessTransport, Request, Response};

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("type_parts");
        assert_eq!(
            CONVERT.input,
            soap_runtime::operation::ElementName::new("", "quote")
        );
        let quote: Quote = from_xml_as(&xml, "", "quote").unwrap();
        assert_eq!(quote.symbol, "NHY");
        assert_eq!(quote.price, Decimal::new(6142, 2));
        assert_eq!(quote.currency, Some(Currency::Nok));
        let written = to_xml_as(&quote, "", "quote").unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn simple_type_parts_are_structs_with_a_value() {
        assert_eq!(
            (GET_QUOTE.input, GET_QUOTE.output),
            (
                soap_runtime::operation::ElementName::new("", "symbol"),
                Some(soap_runtime::operation::ElementName::new("", "quote"))
            )
        );
        let symbol: GetQuote = from_xml_as(b"<symbol>EQNR</symbol>", "", "symbol").unwrap();
        assert_eq!(symbol.value, "EQNR");
        let target: ConvertResponse = from_xml_as(b"<target>USD</target>", "", "target").unwrap();
        assert_eq!(target.value, Currency::Usd);
        assert_eq!(
            CONVERT.input_headers,
            [soap_runtime::operation::HeaderPart::new(
                "session",
                soap_runtime::operation::ElementName::new("", "session")
            )]
        );
    }

    struct Exchange;

    impl QuotesPort for Exchange {
        async fn get_quote(
            &self,
            request: Request<GetQuote, ()>,
        ) -> Result<Response<Quote, ()>, Error> {
            Ok(Response::new(Quote {
                symbol: request.into_inner().value,
                price: Decimal::new(1, 0),
                currency: None,
            }))
        }

        async fn convert(
            &self,
            request: Request<Quote, ConvertRequestHeaders>,
        ) -> Result<Response<ConvertResponse, ()>, Error> {
            let value = match request.headers().session.as_deref() {
                Some("s-1") => Currency::Eur,
                _ => Currency::Unknown("no session".into()),
            };
            Ok(Response::new(ConvertResponse { value }))
        }
    }

    #[test]
    fn type_part_bodies_and_headers_cross_the_call_layer() {
        let client = QuotesPortClient::with_transport(
            "http://in-process/quotes",
            InProcessTransport::new(QuotesPortServer::new(Exchange)),
        );
        block_on(async {
            let quote = client
                .get_quote(Request::new(GetQuote {
                    value: "NHY".into(),
                }))
                .await
                .unwrap();
            assert_eq!(quote.body().symbol, "NHY");
            let headers = ConvertRequestHeaders {
                session: Some("s-1".into()),
            };
            let converted = client
                .convert(Request::with_headers(quote.into_inner(), headers))
                .await
                .unwrap();
            assert_eq!(converted.body().value, Currency::Eur);
        });
    }

    every_type_round_trips!();
}

/// Faults whose message part names a type: the detail holds an unqualified element named
/// after the part, as zeep reads it (a struct of the complex type, or one with a `value`).
pub mod fault_type_parts {
    include!("../../wsdl/fixtures/fault_type_parts/expected.rs");

    use super::*;
    use soap_runtime::envelope::{Body, read_envelope};
    use soap_runtime::fault::FaultBlame;
    use soap_runtime::xml::ReaderConfig;
    use soap_runtime::{Error, InProcessTransport, Request, Response};

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("fault_type_parts");
        let envelope = read_envelope::<(), LookupResponse>(
            &xml,
            &LOOKUP.output.unwrap(),
            &ReaderConfig::default(),
        )
        .unwrap();
        let Body::Fault(fault) = envelope.body else {
            panic!("the example is a fault");
        };
        assert_eq!(fault.reason, "No such item");
        assert_eq!(fault.blame(), Some(FaultBlame::Receiver));
        let error = Error::from(*fault);
        let typed = LookupFault::from_error(&error).unwrap().unwrap();
        assert_eq!(
            typed,
            LookupFault::UnknownItem(UnknownItem {
                sku: "X-42".into(),
                message: Some("discontinued".into()),
            })
        );
        let again = typed.into_error("No such item");
        let reply = soap_runtime::server::fault_reply(again.fault().unwrap());
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), reply.body());
    }

    #[test]
    fn a_simple_type_fault_part_is_an_unqualified_element_with_a_value() {
        let detail: ThrottledFault =
            from_xml_as(b"<retryAfter>30</retryAfter>", "", "retryAfter").unwrap();
        assert_eq!(detail, ThrottledFault { value: 30 });
        let error = LookupFault::Throttled(detail).into_error("slow down");
        let reply = soap_runtime::server::fault_reply(error.fault().unwrap());
        let written = String::from_utf8_lossy(reply.body());
        assert!(
            written.contains("<detail><retryAfter>30</retryAfter></detail>"),
            "{written}"
        );
    }

    struct Shelf;

    impl InventoryPort for Shelf {
        async fn lookup(
            &self,
            request: Request<Lookup, ()>,
        ) -> Result<Response<LookupResponse, ()>, Error> {
            match request.body().sku.as_str() {
                "X-1" => Ok(Response::new(LookupResponse { in_stock: 3 })),
                "busy" => {
                    Err(LookupFault::Throttled(ThrottledFault { value: 30 }).into_error("later"))
                }
                sku => Err(LookupFault::UnknownItem(UnknownItem {
                    sku: sku.to_owned(),
                    message: None,
                })
                .into_error("No such item")),
            }
        }
    }

    #[test]
    fn type_part_faults_cross_the_call_layer() {
        let client = InventoryPortClient::with_transport(
            "http://in-process/inventory",
            InProcessTransport::new(InventoryPortServer::new(Shelf)),
        );
        block_on(async {
            let lookup = |sku: &str| Request::new(Lookup { sku: sku.into() });
            let found = client.lookup(lookup("X-1")).await.unwrap();
            assert_eq!(found.body().in_stock, 3);
            let error = client.lookup(lookup("busy")).await.unwrap_err();
            assert_eq!(
                LookupFault::from_error(&error),
                Some(Ok(LookupFault::Throttled(ThrottledFault { value: 30 })))
            );
            let error = client.lookup(lookup("Y-9")).await.unwrap_err();
            assert_eq!(
                LookupFault::from_error(&error),
                Some(Ok(LookupFault::UnknownItem(UnknownItem {
                    sku: "Y-9".into(),
                    message: None,
                })))
            );
        });
    }

    every_type_round_trips!();
}

/// `xs:any` inside `xs:choice`: a wildcard variant holding the raw element, taking every
/// element the other variants do not name; in a repeated choice, in document order.
pub mod choice_wildcard {
    include!("../../wsdl/fixtures/choice_wildcard/expected.rs");

    use super::*;
    use soap_runtime::types::{AnyAttribute, AnyElement, AnyNode, AnyXml, QName};

    fn element(
        ns: &str,
        local: &str,
        attributes: &[(&str, &str)],
        children: Vec<AnyNode>,
    ) -> AnyElement {
        AnyElement {
            name: QName::new(ns, local),
            content: AnyXml {
                xsi_type: None,
                attributes: attributes
                    .iter()
                    .map(|(name, value)| AnyAttribute {
                        name: QName::new("", *name),
                        value: (*value).to_owned(),
                    })
                    .collect(),
                children,
            },
        }
    }

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("choice_wildcard");
        let submit: Submit = from_xml(&xml).unwrap();
        let saml = "urn:oasis:names:tc:SAML:2.0:assertion";
        let subject = element(saml, "Subject", &[], vec![AnyNode::Text("ann".into())]);
        assert_eq!(
            submit,
            Submit {
                user: "ann".into(),
                credential: Credential {
                    choice: CredentialChoice::Any(element(
                        saml,
                        "Assertion",
                        &[("ID", "a-1")],
                        vec![AnyNode::Element(subject)],
                    )),
                },
                extensions: Some(Extensions {
                    id: 7,
                    choice: vec![
                        ExtensionsChoice::Note("first".into()),
                        ExtensionsChoice::Any(element(
                            "urn:example:trace",
                            "Trace",
                            &[("level", "2")],
                            vec![AnyNode::Text("on".into())],
                        )),
                        ExtensionsChoice::Note("second".into()),
                    ],
                }),
            }
        );
        assert_writes_back(&submit, &xml);
    }

    #[test]
    fn named_variants_win_over_the_wildcard_and_one_choice_takes_one_element() {
        let ns = namespaces::CHOICE_WILDCARD;
        let token = format!(
            r#"<Credential xmlns="{ns}"><Token Expires="2024-06-01T12:00:00Z"><Value>t-1</Value></Token></Credential>"#
        );
        let credential: Credential = from_xml_as(token.as_bytes(), ns, "Credential").unwrap();
        assert!(
            matches!(&credential.choice, CredentialChoice::Token(t) if t.value == "t-1"),
            "{credential:?}"
        );
        let two = format!(
            r#"<Credential xmlns="{ns}"><Password>p</Password><x:Other xmlns:x="urn:x"/></Credential>"#
        );
        let error = from_xml_as::<Credential>(two.as_bytes(), ns, "Credential").unwrap_err();
        assert!(
            matches!(error.kind(), DecodeErrorKind::DuplicateElement { .. }),
            "{error}"
        );
    }

    every_type_round_trips!();
}

/// Messages without parts: an empty SOAP body, read and written as an empty struct.
pub mod empty_messages {
    include!("../../wsdl/fixtures/empty_messages/expected.rs");

    use super::*;
    use soap_runtime::envelope::{Body, read_envelope, write_envelope};
    use soap_runtime::operation::{ElementName, SoapVersion};
    use soap_runtime::xml::ReaderConfig;
    use soap_runtime::{Error, InProcessTransport, Request, Response, ServerConfig};
    use tests::net::{post, serve};

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("empty_messages");
        assert_eq!(NOW.input, ElementName::EMPTY_BODY);
        let envelope = read_envelope::<NowRequestHeaders, NowRequest>(
            &xml,
            &NOW.input,
            &ReaderConfig::default(),
        )
        .unwrap();
        assert_eq!(envelope.headers.zone.as_deref(), Some("Europe/Oslo"));
        let Body::Element(body) = envelope.body else {
            panic!("a fault")
        };
        assert_eq!(body, NowRequest {});
        let written =
            write_envelope(SoapVersion::Soap11, &envelope.headers, &NOW.input, &body).unwrap();
        canonical::assert_same_xml(&canonical::parse(&xml).unwrap(), &written);
    }

    #[test]
    fn an_empty_body_is_the_message_and_anything_in_it_is_skipped() {
        assert_eq!(
            (PING.input, RESET.output),
            (ElementName::EMPTY_BODY, Some(ElementName::EMPTY_BODY))
        );
        let config = ReaderConfig::default();
        let with_element = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Ping xmlns="urn:x"/></s:Body></s:Envelope>"#;
        let envelope =
            read_envelope::<(), PingRequest>(with_element, &PING.input, &config).unwrap();
        assert!(matches!(envelope.body, Body::Element(PingRequest {})));
        let fault = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault></s:Body></s:Envelope>"#;
        let envelope =
            read_envelope::<(), ResetResponse>(fault, &ElementName::EMPTY_BODY, &config).unwrap();
        assert!(matches!(envelope.body, Body::Fault(ref f) if f.reason == "down"));
    }

    struct Ticking;

    impl Clock for Ticking {
        async fn ping(
            &self,
            _request: Request<PingRequest, ()>,
        ) -> Result<Response<Status, ()>, Error> {
            Ok(Response::new(Status {
                up: true,
                since: None,
            }))
        }

        async fn reset(
            &self,
            request: Request<Reset, ()>,
        ) -> Result<Response<ResetResponse, ()>, Error> {
            if request.body().reason.is_empty() {
                return Err(Error::implementation("a reason is required"));
            }
            Ok(Response::new(ResetResponse {}))
        }

        async fn now(
            &self,
            request: Request<NowRequest, NowRequestHeaders>,
        ) -> Result<Response<Time, ()>, Error> {
            let hour = if request.headers().zone.as_deref() == Some("UTC") {
                12
            } else {
                13
            };
            Ok(Response::new(Time {
                value: soap_runtime::types::DateTime::new(2024, 6, 1, hour, 0, 0)
                    .map_err(|e| Error::implementation(e.to_string()))?,
            }))
        }
    }

    #[test]
    fn empty_bodies_cross_the_call_layer() {
        let client = ClockClient::with_transport(
            "http://in-process/clock",
            InProcessTransport::new(ClockServer::new(Ticking)),
        );
        block_on(async {
            let status = client.ping(Request::new(PingRequest {})).await.unwrap();
            assert!(status.body().up);
            let reset = client
                .reset(Request::new(Reset {
                    reason: "maintenance".into(),
                }))
                .await
                .unwrap();
            assert_eq!(reset.into_inner(), ResetResponse {});
            let error = client
                .reset(Request::new(Reset {
                    reason: String::new(),
                }))
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("a reason is required"),
                "{error}"
            );
            let headers = NowRequestHeaders {
                zone: Some("UTC".into()),
            };
            let now = client
                .now(Request::with_headers(NowRequest {}, headers))
                .await
                .unwrap();
            assert_eq!(now.body().value.hour(), 12);
        });
    }

    /// Over real HTTP on 127.0.0.1: an empty request body (`Ping`) and an empty response
    /// body (`Reset`) through the generated client and server adapter, and on the wire a
    /// `Body` with nothing in it, routed by its SOAP action.
    #[test]
    fn empty_bodies_cross_http() {
        block_on(async {
            let server = serve(ClockServer::new(Ticking), ServerConfig::default()).await;
            let url = server.url("/clock");
            let client = ClockClient::new(url.clone()).unwrap();
            let status = client.ping(Request::new(PingRequest {})).await.unwrap();
            assert_eq!(
                status.into_inner(),
                Status {
                    up: true,
                    since: None
                }
            );
            let reset = client
                .reset(Request::new(Reset {
                    reason: "maintenance".into(),
                }))
                .await
                .unwrap();
            assert_eq!(reset.into_inner(), ResetResponse {});

            let empty = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#;
            let soap_post = |action: &'static str, body: String| {
                let url = url.clone();
                async move {
                    let headers = [
                        ("Content-Type", "text/xml; charset=utf-8"),
                        ("SOAPAction", action),
                    ];
                    let response = post(&url, &headers, body).await;
                    assert_eq!(response.status(), 200, "{action}");
                    response
                }
            };
            let pong = soap_post("\"urn:clock:Ping\"", empty.to_owned()).await;
            let envelope = read_envelope::<(), Status>(
                pong.body(),
                &PING.output.unwrap(),
                &ReaderConfig::default(),
            )
            .unwrap();
            assert!(matches!(
                envelope.body,
                Body::Element(Status { up: true, .. })
            ));

            let request = Reset {
                reason: "on the wire".into(),
            };
            let request = write_envelope(SoapVersion::Soap11, &(), &RESET.input, &request).unwrap();
            let reply = soap_post("\"urn:clock:Reset\"", String::from_utf8(request).unwrap()).await;
            canonical::assert_same_xml(&canonical::parse(empty.as_bytes()).unwrap(), reply.body());
            server.shutdown().await;
        });
    }

    every_type_round_trips!();
}

/// Notification and solicit-response operations are left out (with a warning); the
/// request-response and one-way operations of the same port type are generated.
pub mod notifications {
    include!("../../wsdl/fixtures/notifications/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("notifications");
        let request: Subscribe = from_xml(&xml).unwrap();
        assert_eq!(request.symbol, ["EQNR", "NHY"]);
        assert_writes_back(&request, &xml);
        let names: Vec<&str> = TICKER_OPERATIONS.iter().map(|op| op.name).collect();
        assert_eq!(names, ["Subscribe", "Unsubscribe"]);
        assert_eq!(UNSUBSCRIBE.output, None);
    }

    every_type_round_trips!();
}

/// Labels that are not NCNames (`urn:Example`) on the definitions, service, port, input and
/// output.
pub mod labels {
    include!("../../wsdl/fixtures/labels/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("labels");
        let request: Echo = from_xml(&xml).unwrap();
        assert_eq!(request.text, "hello");
        assert_writes_back(&request, &xml);
        assert_eq!(ECHO.soap_action, "urn:Example#Echo");
        assert_eq!(
            ExamplePortTypeClient::<soap_runtime::HttpTransport>::WSDL_ADDRESS,
            Some("http://localhost:8080/example")
        );
    }

    every_type_round_trips!();
}

/// `soapenc:` simple types and `xml:` attributes from imports without a location (or with
/// the W3C's URL, never fetched).
pub mod well_known_imports {
    include!("../../wsdl/fixtures/well_known_imports/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("well_known_imports");
        let request: Save = from_xml(&xml).unwrap();
        let note = &request.note;
        assert_eq!(note.lang.as_deref(), Some("nb"));
        assert_eq!(note.id.as_deref(), Some("n-7"));
        assert_eq!(note.title, "Handleliste");
        assert_eq!(note.body.value, "  milk, bread  ");
        assert_eq!(note.body.space.as_deref(), Some("preserve"));
        assert_eq!(note.body.lang.as_deref(), Some("en"));
        assert_eq!(note.body.id.as_deref(), Some("b1"));
        assert_eq!(note.body.base, None);
        assert_eq!(note.stars, Some(4));
        assert_eq!(note.written, None);
        assert_eq!(note.attachment.as_deref(), Some(&b"hei"[..]));
        assert!(!note.shared);
        assert_writes_back(&request, &xml);
    }

    #[test]
    fn xml_attributes_are_in_the_xml_namespace() {
        let xml = example!("well_known_imports");
        let request: Save = from_xml(&xml).unwrap();
        let written = canonical::parse(&to_xml(&request).unwrap()).unwrap();
        let note = written.child("Note").unwrap();
        assert!(
            note.attributes
                .contains(&"{http://www.w3.org/XML/1998/namespace}lang=\"nb\"".to_owned()),
            "{:?}",
            note.attributes
        );
        // An unprefixed `lang` is another attribute.
        let other =
            from_xml::<Save>(edited(&xml, r#"xml:lang="nb""#, r#"lang="nb""#).as_bytes()).unwrap();
        assert_eq!(other.note.lang, None);
    }

    every_type_round_trips!();
}

/// A schema document included by one schema and imported by another is read once; a
/// chameleon include is read once per including namespace.
pub mod schema_twice {
    include!("../../wsdl/fixtures/schema_twice/expected.rs");

    use super::*;

    #[test]
    fn example_decodes_field_by_field_and_writes_back() {
        let xml = example!("schema_twice");
        let request: PlaceOrder = from_xml(&xml).unwrap();
        assert_eq!(request.customer.name, "Kari Nordmann");
        assert_eq!(request.customer.address.city, "Oslo");
        assert_eq!(request.customer.label, Some(Label2 { text: "VIP".into() }));
        assert_eq!(
            request.ship_to,
            Address {
                street: "Kaigata 5".into(),
                city: "Bergen".into()
            }
        );
        assert_eq!(
            request.label,
            Some(Label {
                text: "fragile".into()
            })
        );
        assert_writes_back(&request, &xml);
    }

    every_type_round_trips!();
}
