-- Neutron database dump (mariadb-dump --skip-extended-insert), trimmed to the tables
-- ovsdb-backup reads; made by ../shared/neutron-oracle/neutron_oracle.sh (see README.md)
CREATE TABLE `address_associations` (
  `address` varchar(64) NOT NULL,
  `address_group_id` varchar(36) NOT NULL,
  PRIMARY KEY (`address`,`address_group_id`),
  KEY `address_group_id` (`address_group_id`),
  CONSTRAINT `address_associations_ibfk_1` FOREIGN KEY (`address_group_id`) REFERENCES `address_groups` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `address_groups` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_address_groups0standard_attr_id` (`standard_attr_id`),
  KEY `ix_address_groups_project_id` (`project_id`),
  CONSTRAINT `address_groups_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `alembic_version` (
  `version_num` varchar(32) NOT NULL,
  PRIMARY KEY (`version_num`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `alembic_version` VALUES ('5c85685d616d');
INSERT INTO `alembic_version` VALUES ('c7f8d9e0f1a2');
CREATE TABLE `allowedaddresspairs` (
  `port_id` varchar(36) NOT NULL,
  `mac_address` varchar(32) NOT NULL,
  `ip_address` varchar(64) NOT NULL,
  PRIMARY KEY (`port_id`,`mac_address`,`ip_address`),
  CONSTRAINT `allowedaddresspairs_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `allowedaddresspairs` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','00:00:5e:00:01:9a','10.1.0.144/28');
INSERT INTO `allowedaddresspairs` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','fa:16:3f:d3:f8:b6','10.1.0.201');
INSERT INTO `allowedaddresspairs` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','00:00:5e:00:01:29','10.1.1.144/28');
INSERT INTO `allowedaddresspairs` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','fa:16:3f:24:2a:08','10.1.1.201');
CREATE TABLE `dnsnameservers` (
  `address` varchar(128) NOT NULL,
  `subnet_id` varchar(36) NOT NULL,
  `order` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`address`,`subnet_id`),
  KEY `subnet_id` (`subnet_id`),
  CONSTRAINT `dnsnameservers_ibfk_1` FOREIGN KEY (`subnet_id`) REFERENCES `subnets` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `dnsnameservers` VALUES ('192.0.2.54','b04fa40e-e782-484b-be04-790f9ad998f8',0);
INSERT INTO `dnsnameservers` VALUES ('192.0.2.54','b5159820-2d31-4f2c-a292-fd805d6efd9e',0);
CREATE TABLE `externalnetworks` (
  `network_id` varchar(36) NOT NULL,
  `is_default` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`network_id`),
  CONSTRAINT `externalnetworks_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `externalnetworks` VALUES ('77083045-232d-4afb-9bb7-a787b786724e',0);
INSERT INTO `externalnetworks` VALUES ('a9ca06fc-08a8-4804-b398-f3c2b5533bf8',0);
CREATE TABLE `extradhcpopts` (
  `id` varchar(36) NOT NULL,
  `port_id` varchar(36) NOT NULL,
  `opt_name` varchar(64) NOT NULL,
  `opt_value` varchar(255) NOT NULL,
  `ip_version` int(11) NOT NULL DEFAULT 4,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_extradhcpopts0portid0optname0ipversion` (`port_id`,`opt_name`,`ip_version`),
  CONSTRAINT `extradhcpopts_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `extradhcpopts` VALUES ('7bd4b0dd-440a-4886-8eee-15568943a7b0','5c300078-358a-485f-852f-2876a545fbcd','bootfile-name','pxelinux.0',4);
INSERT INTO `extradhcpopts` VALUES ('910024f5-ec61-47a5-9ca8-c65fa62e3f38','c500834d-5b7a-4bbf-8a25-473538b9aefe','tftp-server','192.0.2.10',4);
INSERT INTO `extradhcpopts` VALUES ('96fb61ae-8950-4dc9-af62-c4175787c93e','5c300078-358a-485f-852f-2876a545fbcd','tftp-server','192.0.2.10',4);
INSERT INTO `extradhcpopts` VALUES ('e75ef58d-dd02-42b6-9342-2a80590de976','c500834d-5b7a-4bbf-8a25-473538b9aefe','bootfile-name','pxelinux.0',4);
CREATE TABLE `floatingips` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `floating_ip_address` varchar(64) NOT NULL,
  `floating_network_id` varchar(36) NOT NULL,
  `floating_port_id` varchar(36) NOT NULL,
  `fixed_port_id` varchar(36) DEFAULT NULL,
  `fixed_ip_address` varchar(64) DEFAULT NULL,
  `router_id` varchar(36) DEFAULT NULL,
  `last_known_router_id` varchar(36) DEFAULT NULL,
  `status` varchar(16) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_floatingips0standard_attr_id` (`standard_attr_id`),
  UNIQUE KEY `uniq_floatingips0floatingnetworkid0fixedportid0fixedipaddress` (`floating_network_id`,`fixed_port_id`,`fixed_ip_address`),
  KEY `fixed_port_id` (`fixed_port_id`),
  KEY `floating_port_id` (`floating_port_id`),
  KEY `router_id` (`router_id`),
  KEY `ix_floatingips_project_id` (`project_id`),
  CONSTRAINT `floatingips_ibfk_1` FOREIGN KEY (`fixed_port_id`) REFERENCES `ports` (`id`),
  CONSTRAINT `floatingips_ibfk_2` FOREIGN KEY (`floating_port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `floatingips_ibfk_3` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`),
  CONSTRAINT `floatingips_ibfk_4` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `floatingips` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','0f6dcc6c-2685-4a44-af9f-43127a8c6819','198.18.1.231','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','6badc6c5-262e-4d14-90fc-5803874d3841','0d7a7413-cc98-45e5-b826-0b9810fb5bc8','10.1.3.11','48708424-19b3-4297-86c8-dcdaef9801e0',NULL,'ACTIVE',100);
INSERT INTO `floatingips` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','1c6aba75-9d1d-46a4-8c07-fccb631a1c4b','198.18.2.170','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','3db368b4-02c7-42b1-864a-5a35497b86af',NULL,NULL,'48708424-19b3-4297-86c8-dcdaef9801e0',NULL,'ACTIVE',107);
INSERT INTO `floatingips` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','6ad483dc-d89d-4a0e-9739-46f92a1aebae','198.18.1.35','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','8410b527-308a-4342-a997-749f517ae099','aa06c663-b839-480f-9877-63cf4ddad4e1','10.1.1.11','48708424-19b3-4297-86c8-dcdaef9801e0',NULL,'ACTIVE',102);
INSERT INTO `floatingips` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','a17cfb46-9511-46a9-98d3-a623e39b7747','198.18.2.99','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','4c36068d-2496-4d51-a8db-e1e6fa2fd0bc','c500834d-5b7a-4bbf-8a25-473538b9aefe','10.1.1.10','48708424-19b3-4297-86c8-dcdaef9801e0',NULL,'ACTIVE',98);
INSERT INTO `floatingips` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d0ac5b57-fa90-46c2-8e50-fbe6c4f77de2','198.18.1.21','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','de7a6324-fe12-4a4b-8d18-84aa2a7340bc',NULL,NULL,'b28eb669-1f91-4933-8594-5f662631488a',NULL,'ACTIVE',104);
INSERT INTO `floatingips` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','da7749e3-efb4-40ab-b19c-006d1da05000','198.18.7.152','77083045-232d-4afb-9bb7-a787b786724e','8014aa21-7c0d-445c-be26-f66de696fef5',NULL,NULL,NULL,NULL,'DOWN',96);
CREATE TABLE `ipallocations` (
  `port_id` varchar(36) DEFAULT NULL,
  `ip_address` varchar(64) NOT NULL,
  `subnet_id` varchar(36) NOT NULL,
  `network_id` varchar(36) NOT NULL,
  PRIMARY KEY (`ip_address`,`subnet_id`,`network_id`),
  KEY `network_id` (`network_id`),
  KEY `port_id` (`port_id`),
  KEY `subnet_id` (`subnet_id`),
  CONSTRAINT `ipallocations_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ipallocations_ibfk_2` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ipallocations_ibfk_3` FOREIGN KEY (`subnet_id`) REFERENCES `subnets` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ipallocations` VALUES ('0d7a7413-cc98-45e5-b826-0b9810fb5bc8','10.1.3.11','c9b4a28b-6fe9-461f-88dc-3ce2a6cba4eb','8408f6c5-054d-43b4-8e3f-b497d824b77a');
INSERT INTO `ipallocations` VALUES ('12e3cad4-d71d-457d-b379-7386dbe6fe58','198.18.2.22','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('1974b170-556f-4d48-af1d-1b8a9e92d23b','10.1.3.1','c9b4a28b-6fe9-461f-88dc-3ce2a6cba4eb','8408f6c5-054d-43b4-8e3f-b497d824b77a');
INSERT INTO `ipallocations` VALUES ('3119d288-3316-47d6-b3df-1cd3065981f0','2001:db8:2::','eb9a5252-0e37-486e-8a05-e796c1ba9382','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('3db368b4-02c7-42b1-864a-5a35497b86af','198.18.2.170','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e','10.150.0.10','057827f3-68cb-4c84-99e7-cc03b6a1a0a9','f514f9fc-4194-4304-b514-a554da7bd81d');
INSERT INTO `ipallocations` VALUES ('4c36068d-2496-4d51-a8db-e1e6fa2fd0bc','198.18.2.99','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('5c300078-358a-485f-852f-2876a545fbcd','10.1.2.10','b04fa40e-e782-484b-be04-790f9ad998f8','c5528d68-c930-4107-901c-f693197c5c7f');
INSERT INTO `ipallocations` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','10.1.0.11','b5159820-2d31-4f2c-a292-fd805d6efd9e','fef8b33a-1053-42f8-bba2-287801bf0f85');
INSERT INTO `ipallocations` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','2001:db8:1:0:f816:3fff:fed3:f8b6','9b78b661-ff72-4581-b308-4d29bc90ca5a','fef8b33a-1053-42f8-bba2-287801bf0f85');
INSERT INTO `ipallocations` VALUES ('6badc6c5-262e-4d14-90fc-5803874d3841','198.18.1.231','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('6bb8490d-e377-4232-9886-53e66c93a31e','10.1.1.1','d20e7e04-4b76-4ed3-9c24-23564aa47701','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('70e904fb-937c-4a0c-ada5-dc0a80e65b0b','198.18.7.55','12b4cae6-73f8-444d-8c57-4d4d41070a7c','77083045-232d-4afb-9bb7-a787b786724e');
INSERT INTO `ipallocations` VALUES ('8014aa21-7c0d-445c-be26-f66de696fef5','198.18.7.152','12b4cae6-73f8-444d-8c57-4d4d41070a7c','77083045-232d-4afb-9bb7-a787b786724e');
INSERT INTO `ipallocations` VALUES ('8410b527-308a-4342-a997-749f517ae099','198.18.1.35','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','10.1.1.11','d20e7e04-4b76-4ed3-9c24-23564aa47701','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','2001:db8:2:0:f816:3fff:fe24:2a08','eb9a5252-0e37-486e-8a05-e796c1ba9382','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','10.1.0.10','b5159820-2d31-4f2c-a292-fd805d6efd9e','fef8b33a-1053-42f8-bba2-287801bf0f85');
INSERT INTO `ipallocations` VALUES ('ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','2001:db8:1:0:f816:3fff:fe42:69da','9b78b661-ff72-4581-b308-4d29bc90ca5a','fef8b33a-1053-42f8-bba2-287801bf0f85');
INSERT INTO `ipallocations` VALUES ('c500834d-5b7a-4bbf-8a25-473538b9aefe','10.1.1.10','d20e7e04-4b76-4ed3-9c24-23564aa47701','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('c500834d-5b7a-4bbf-8a25-473538b9aefe','2001:db8:2:0:f816:3fff:fe75:5a5c','eb9a5252-0e37-486e-8a05-e796c1ba9382','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05');
INSERT INTO `ipallocations` VALUES ('c62bec38-4015-4cc2-90d6-95fb20e4eb26','198.18.1.203','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('d8d98a02-9801-41af-b324-27437089541b','198.18.0.200','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('d9380909-9df8-4779-ba7f-7631a96095c3','10.1.2.1','b04fa40e-e782-484b-be04-790f9ad998f8','c5528d68-c930-4107-901c-f693197c5c7f');
INSERT INTO `ipallocations` VALUES ('daae4edd-ee8c-4f53-aa85-13186ddec5a2','10.1.3.10','c9b4a28b-6fe9-461f-88dc-3ce2a6cba4eb','8408f6c5-054d-43b4-8e3f-b497d824b77a');
INSERT INTO `ipallocations` VALUES ('de7a6324-fe12-4a4b-8d18-84aa2a7340bc','198.18.1.21','d206aca2-6632-4a8d-8710-0e13787f53cc','a9ca06fc-08a8-4804-b398-f3c2b5533bf8');
INSERT INTO `ipallocations` VALUES ('e5ee230d-733c-4559-bb98-e67fb01130cf','10.1.2.11','b04fa40e-e782-484b-be04-790f9ad998f8','c5528d68-c930-4107-901c-f693197c5c7f');
INSERT INTO `ipallocations` VALUES ('f9c7b236-044f-4746-9cf5-7878be1c3585','10.150.1.10','69ef4b49-b8ae-4bbc-82cb-ef17268a68a1','bf2770ad-cddc-4c0d-9c37-cb93723ff10f');
INSERT INTO `ipallocations` VALUES ('f9d28524-15dc-4b41-9850-3db872a68c17','10.1.0.1','b5159820-2d31-4f2c-a292-fd805d6efd9e','fef8b33a-1053-42f8-bba2-287801bf0f85');
CREATE TABLE `ml2_port_bindings` (
  `port_id` varchar(36) NOT NULL,
  `host` varchar(255) NOT NULL DEFAULT '',
  `vif_type` varchar(64) NOT NULL,
  `vnic_type` varchar(64) NOT NULL DEFAULT 'normal',
  `profile` varchar(4095) NOT NULL DEFAULT '',
  `vif_details` varchar(4095) NOT NULL DEFAULT '',
  `status` varchar(16) NOT NULL DEFAULT 'ACTIVE',
  PRIMARY KEY (`port_id`,`host`),
  CONSTRAINT `ml2_port_bindings_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ml2_port_bindings` VALUES ('0d7a7413-cc98-45e5-b826-0b9810fb5bc8','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('12e3cad4-d71d-457d-b379-7386dbe6fe58','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('1974b170-556f-4d48-af1d-1b8a9e92d23b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('3119d288-3316-47d6-b3df-1cd3065981f0','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('3db368b4-02c7-42b1-864a-5a35497b86af','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('4c36068d-2496-4d51-a8db-e1e6fa2fd0bc','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('5c300078-358a-485f-852f-2876a545fbcd','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('6badc6c5-262e-4d14-90fc-5803874d3841','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('6bb8490d-e377-4232-9886-53e66c93a31e','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('70e904fb-937c-4a0c-ada5-dc0a80e65b0b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('8014aa21-7c0d-445c-be26-f66de696fef5','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('8410b527-308a-4342-a997-749f517ae099','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('c500834d-5b7a-4bbf-8a25-473538b9aefe','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\", \"ovs_create_tap\": true, \"bridge_name\": \"br-int\", \"datapath_type\": \"\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('c62bec38-4015-4cc2-90d6-95fb20e4eb26','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('d8d98a02-9801-41af-b324-27437089541b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('d9380909-9df8-4779-ba7f-7631a96095c3','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('daae4edd-ee8c-4f53-aa85-13186ddec5a2','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('de7a6324-fe12-4a4b-8d18-84aa2a7340bc','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('e5ee230d-733c-4559-bb98-e67fb01130cf','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('f9c7b236-044f-4746-9cf5-7878be1c3585','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('f9d28524-15dc-4b41-9850-3db872a68c17','','unbound','normal','','','ACTIVE');
CREATE TABLE `networks` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `status` varchar(16) DEFAULT NULL,
  `admin_state_up` tinyint(1) DEFAULT NULL,
  `mtu` int(11) NOT NULL DEFAULT 1500,
  `vlan_transparent` tinyint(1) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `availability_zone_hints` varchar(255) DEFAULT NULL,
  `qinq` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_networks0standard_attr_id` (`standard_attr_id`),
  KEY `ix_networks_project_id` (`project_id`),
  CONSTRAINT `networks_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','77083045-232d-4afb-9bb7-a787b786724e','flat1','ACTIVE',1,1500,0,13,NULL,0);
INSERT INTO `networks` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','8408f6c5-054d-43b4-8e3f-b497d824b77a','net3','ACTIVE',1,1442,0,43,NULL,0);
INSERT INTO `networks` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','net1','ACTIVE',1,1442,0,32,NULL,0);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','public','ACTIVE',1,1500,0,10,NULL,0);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','bf2770ad-cddc-4c0d-9c37-cb93723ff10f','vlan160','ACTIVE',1,1500,0,19,NULL,0);
INSERT INTO `networks` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','c5528d68-c930-4107-901c-f693197c5c7f','net2','ACTIVE',1,1442,0,35,NULL,0);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','f514f9fc-4194-4304-b514-a554da7bd81d','vlan157','ACTIVE',1,1500,0,16,NULL,0);
INSERT INTO `networks` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','fef8b33a-1053-42f8-bba2-287801bf0f85','net0','ACTIVE',1,1442,0,29,NULL,0);
CREATE TABLE `networksecuritybindings` (
  `network_id` varchar(36) NOT NULL,
  `port_security_enabled` tinyint(1) NOT NULL,
  PRIMARY KEY (`network_id`),
  CONSTRAINT `networksecuritybindings_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networksecuritybindings` VALUES ('77083045-232d-4afb-9bb7-a787b786724e',1);
INSERT INTO `networksecuritybindings` VALUES ('8408f6c5-054d-43b4-8e3f-b497d824b77a',1);
INSERT INTO `networksecuritybindings` VALUES ('8e2ae9cd-08e5-4f47-be6d-6740b9e27a05',1);
INSERT INTO `networksecuritybindings` VALUES ('a9ca06fc-08a8-4804-b398-f3c2b5533bf8',1);
INSERT INTO `networksecuritybindings` VALUES ('bf2770ad-cddc-4c0d-9c37-cb93723ff10f',1);
INSERT INTO `networksecuritybindings` VALUES ('c5528d68-c930-4107-901c-f693197c5c7f',1);
INSERT INTO `networksecuritybindings` VALUES ('f514f9fc-4194-4304-b514-a554da7bd81d',1);
INSERT INTO `networksecuritybindings` VALUES ('fef8b33a-1053-42f8-bba2-287801bf0f85',1);
CREATE TABLE `networksegments` (
  `id` varchar(36) NOT NULL,
  `network_id` varchar(36) NOT NULL,
  `network_type` varchar(32) NOT NULL,
  `physical_network` varchar(64) DEFAULT NULL,
  `segmentation_id` int(11) DEFAULT NULL,
  `is_dynamic` tinyint(1) NOT NULL DEFAULT 0,
  `segment_index` int(11) NOT NULL DEFAULT 0,
  `standard_attr_id` bigint(20) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_networksegments0standard_attr_id` (`standard_attr_id`),
  UNIQUE KEY `uniq_networksegment0network_id0network_type0physnet0sidx` (`network_id`,`network_type`,`physical_network`,`segment_index`),
  CONSTRAINT `networksegments_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `networksegments_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networksegments` VALUES ('23daca38-bb60-4f79-9534-e481ce53888c','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','geneve',NULL,823,0,0,33,NULL);
INSERT INTO `networksegments` VALUES ('262e1b14-42df-40c8-a09a-2d79ba67902f','fef8b33a-1053-42f8-bba2-287801bf0f85','geneve',NULL,264,0,0,30,NULL);
INSERT INTO `networksegments` VALUES ('3195f456-bc05-460c-b495-a916ccc86b97','f514f9fc-4194-4304-b514-a554da7bd81d','vlan','physnet1',157,0,0,17,NULL);
INSERT INTO `networksegments` VALUES ('38354829-6a76-4aad-aa0e-11eab679cdb0','8408f6c5-054d-43b4-8e3f-b497d824b77a','geneve',NULL,280,0,0,44,NULL);
INSERT INTO `networksegments` VALUES ('569b857e-6c12-40d1-8ae8-e3ad594dc3a1','c5528d68-c930-4107-901c-f693197c5c7f','geneve',NULL,306,0,0,36,NULL);
INSERT INTO `networksegments` VALUES ('94a4c03c-2656-4430-a4bd-2dacfd0dee25','bf2770ad-cddc-4c0d-9c37-cb93723ff10f','vlan','physnet1',160,0,0,20,NULL);
INSERT INTO `networksegments` VALUES ('c6f1584f-13f2-4f8f-a8bc-2cdf96b2ba55','77083045-232d-4afb-9bb7-a787b786724e','flat','physnet-f1',NULL,0,0,14,NULL);
INSERT INTO `networksegments` VALUES ('cad4da23-e731-4bdf-82f7-c6a87ae11c08','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','flat','physnet-ext',NULL,0,0,11,NULL);
CREATE TABLE `ovn_hash_ring` (
  `node_uuid` varchar(36) NOT NULL,
  `group_name` varchar(256) NOT NULL,
  `hostname` varchar(256) NOT NULL,
  `created_at` datetime NOT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`node_uuid`,`group_name`),
  KEY `ix_ovn_hash_ring_node_uuid` (`node_uuid`),
  KEY `ix_ovn_hash_ring_group_name` (`group_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ovn_hash_ring` VALUES ('111acf941b5e54cb8c7fa32d280dd02e','mechanism_driver','vm','2026-11-21 10:35:01','2026-11-21 10:35:45');
CREATE TABLE `ovn_revision_numbers` (
  `standard_attr_id` bigint(20) DEFAULT NULL,
  `resource_uuid` varchar(36) NOT NULL,
  `resource_type` varchar(36) NOT NULL,
  `revision_number` bigint(20) NOT NULL DEFAULT 0,
  `created_at` datetime NOT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`resource_uuid`,`resource_type`),
  KEY `standard_attr_id` (`standard_attr_id`),
  KEY `ix_ovn_revision_numbers_resource_type` (`resource_type`),
  KEY `ix_ovn_revision_numbers_resource_uuid` (`resource_uuid`),
  CONSTRAINT `ovn_revision_numbers_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ovn_revision_numbers` VALUES (40,'0143a7af-ecc2-424a-8488-2864a4cd6c4a','security_group_rules',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (18,'057827f3-68cb-4c84-99e7-cc03b6a1a0a9','subnets',0,'2026-11-21 10:35:07','2026-11-21 10:35:07');
INSERT INTO `ovn_revision_numbers` VALUES (51,'0d0168a8-4047-4101-8a0e-dfbff1612728','security_groups',1,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (79,'0d7a7413-cc98-45e5-b826-0b9810fb5bc8','ports',3,'2026-11-21 10:35:14','2026-11-21 10:35:14');
INSERT INTO `ovn_revision_numbers` VALUES (113,'0e9b8030-4674-467f-8fa1-a375258aa16a','security_group_rules',0,'2026-11-21 10:35:45','2026-11-21 10:35:45');
INSERT INTO `ovn_revision_numbers` VALUES (100,'0f6dcc6c-2685-4a44-af9f-43127a8c6819','floatingips',1,'2026-11-21 10:35:37','2026-11-21 10:35:38');
INSERT INTO `ovn_revision_numbers` VALUES (5,'109c6412-72ba-4421-b35b-459b152879fa','security_groups',1,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (15,'12b4cae6-73f8-444d-8c57-4d4d41070a7c','subnets',0,'2026-11-21 10:35:07','2026-11-21 10:35:07');
INSERT INTO `ovn_revision_numbers` VALUES (85,'12e3cad4-d71d-457d-b379-7386dbe6fe58','ports',1,'2026-11-21 10:35:18','2026-11-21 10:35:19');
INSERT INTO `ovn_revision_numbers` VALUES (85,'12e3cad4-d71d-457d-b379-7386dbe6fe58','router_ports',1,'2026-11-21 10:35:19','2026-11-21 10:35:20');
INSERT INTO `ovn_revision_numbers` VALUES (41,'131fbdc6-bced-466a-8bec-92eddcf628a9','security_group_rules',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (94,'1974b170-556f-4d48-af1d-1b8a9e92d23b','ports',3,'2026-11-21 10:35:33','2026-11-21 10:35:43');
INSERT INTO `ovn_revision_numbers` VALUES (94,'1974b170-556f-4d48-af1d-1b8a9e92d23b','router_ports',2,'2026-11-21 10:35:33','2026-11-21 10:35:34');
INSERT INTO `ovn_revision_numbers` VALUES (107,'1c6aba75-9d1d-46a4-8c07-fccb631a1c4b','floatingips',2,'2026-11-21 10:35:42','2026-11-21 10:35:43');
INSERT INTO `ovn_revision_numbers` VALUES (92,'3119d288-3316-47d6-b3df-1cd3065981f0','ports',2,'2026-11-21 10:35:30','2026-11-21 10:35:40');
INSERT INTO `ovn_revision_numbers` VALUES (92,'3119d288-3316-47d6-b3df-1cd3065981f0','router_ports',2,'2026-11-21 10:35:30','2026-11-21 10:35:40');
INSERT INTO `ovn_revision_numbers` VALUES (65,'332ab193-343f-4703-b838-decb4f77f127','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (39,'34d2e652-f1dd-41cb-9443-9f8798ed55d8','security_group_rules',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (25,'391a6973-ada7-427d-abd8-191ce34d0c15','security_group_rules',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (70,'40200c6c-4a38-4949-a8e6-0a997904125a','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (24,'4183613d-1915-4d91-834d-a9075ea071e3','security_groups',1,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (86,'4204e82e-2c6c-4667-870e-5f3381d5e5a1','routers',3,'2026-11-21 10:35:20','2026-11-21 10:35:23');
INSERT INTO `ovn_revision_numbers` VALUES (88,'48708424-19b3-4297-86c8-dcdaef9801e0','routers',2,'2026-11-21 10:35:23','2026-11-21 10:35:25');
INSERT INTO `ovn_revision_numbers` VALUES (80,'4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e','ports',1,'2026-11-21 10:35:15','2026-11-21 10:35:15');
INSERT INTO `ovn_revision_numbers` VALUES (67,'4efb1341-c59c-4fe1-8ed6-70f6be6de017','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (68,'4fef40a8-ae94-436a-8e0d-cef6c49bdede','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (8,'521e43ed-f265-46c6-93ec-17bb38492a0f','security_group_rules',0,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (9,'53051468-e232-4937-80b9-0b747c634523','security_group_rules',0,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (71,'570b9355-1324-4bec-beed-ddc3e58f0146','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (76,'5c300078-358a-485f-852f-2876a545fbcd','ports',3,'2026-11-21 10:35:13','2026-11-21 10:35:13');
INSERT INTO `ovn_revision_numbers` VALUES (61,'608b8f00-05e9-47b8-859e-39a8f2acc69a','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (73,'69e07888-0c35-4ef5-b727-daf5f0bda14f','ports',4,'2026-11-21 10:35:12','2026-11-21 10:35:15');
INSERT INTO `ovn_revision_numbers` VALUES (21,'69ef4b49-b8ae-4bbc-82cb-ef17268a68a1','subnets',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (102,'6ad483dc-d89d-4a0e-9739-46f92a1aebae','floatingips',1,'2026-11-21 10:35:38','2026-11-21 10:35:39');
INSERT INTO `ovn_revision_numbers` VALUES (91,'6bb8490d-e377-4232-9886-53e66c93a31e','ports',2,'2026-11-21 10:35:29','2026-11-21 10:35:39');
INSERT INTO `ovn_revision_numbers` VALUES (91,'6bb8490d-e377-4232-9886-53e66c93a31e','router_ports',2,'2026-11-21 10:35:29','2026-11-21 10:35:39');
INSERT INTO `ovn_revision_numbers` VALUES (83,'70e904fb-937c-4a0c-ada5-dc0a80e65b0b','ports',1,'2026-11-21 10:35:16','2026-11-21 10:35:16');
INSERT INTO `ovn_revision_numbers` VALUES (83,'70e904fb-937c-4a0c-ada5-dc0a80e65b0b','router_ports',1,'2026-11-21 10:35:16','2026-11-21 10:35:18');
INSERT INTO `ovn_revision_numbers` VALUES (112,'72fd127f-3861-456a-9507-d96c7c68a003','security_group_rules',0,'2026-11-21 10:35:45','2026-11-21 10:35:45');
INSERT INTO `ovn_revision_numbers` VALUES (110,'7496825f-adfc-4629-be59-9a9e91fb1400','security_group_rules',0,'2026-11-21 10:35:45','2026-11-21 10:35:45');
INSERT INTO `ovn_revision_numbers` VALUES (13,'77083045-232d-4afb-9bb7-a787b786724e','networks',1,'2026-11-21 10:35:07','2026-11-21 10:35:07');
INSERT INTO `ovn_revision_numbers` VALUES (7,'7dc72995-4cc8-4943-912b-7856b8f64d03','security_group_rules',0,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (43,'8408f6c5-054d-43b4-8e3f-b497d824b77a','networks',1,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (48,'87828e75-f6f3-4fac-a8a7-1105577bb2cc','security_groups',1,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (32,'8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','networks',1,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (63,'9335dd52-1e20-4a46-aa59-450e145b445d','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (46,'9b78b661-ff72-4581-b308-4d29bc90ca5a','subnets',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (58,'a10f94e4-a3b4-4844-b040-bf016a930d80','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (98,'a17cfb46-9511-46a9-98d3-a623e39b7747','floatingips',1,'2026-11-21 10:35:36','2026-11-21 10:35:36');
INSERT INTO `ovn_revision_numbers` VALUES (49,'a18dd943-9538-4aa3-b196-8e884bd404e3','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (111,'a26e40d4-0d34-4300-bf02-26a583c35b2a','security_group_rules',0,'2026-11-21 10:35:45','2026-11-21 10:35:45');
INSERT INTO `ovn_revision_numbers` VALUES (69,'a7eaa896-e54f-49fd-ac6e-f196560d29db','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (10,'a9ca06fc-08a8-4804-b398-f3c2b5533bf8','networks',1,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (75,'aa06c663-b839-480f-9877-63cf4ddad4e1','ports',3,'2026-11-21 10:35:13','2026-11-21 10:35:13');
INSERT INTO `ovn_revision_numbers` VALUES (60,'abcabfae-73b4-41d4-990d-c39f24d7388c','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (72,'ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','ports',3,'2026-11-21 10:35:11','2026-11-21 10:35:12');
INSERT INTO `ovn_revision_numbers` VALUES (54,'af8d9abe-c5ee-4c5f-a72b-55056c7cc695','security_groups',1,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (37,'b04fa40e-e782-484b-be04-790f9ad998f8','subnets',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (84,'b28eb669-1f91-4933-8594-5f662631488a','routers',4,'2026-11-21 10:35:18','2026-11-21 10:35:35');
INSERT INTO `ovn_revision_numbers` VALUES (31,'b5159820-2d31-4f2c-a292-fd805d6efd9e','subnets',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (82,'be0c9485-d255-42a0-9601-da55eca4e229','routers',3,'2026-11-21 10:35:15','2026-11-21 10:35:18');
INSERT INTO `ovn_revision_numbers` VALUES (19,'bf2770ad-cddc-4c0d-9c37-cb93723ff10f','networks',1,'2026-11-21 10:35:07','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (59,'c36831cd-e814-4e5d-8297-eeada471a76a','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (52,'c368ccb9-e56b-4334-ad54-5c239655c7f3','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (74,'c500834d-5b7a-4bbf-8a25-473538b9aefe','ports',3,'2026-11-21 10:35:12','2026-11-21 10:35:13');
INSERT INTO `ovn_revision_numbers` VALUES (35,'c5528d68-c930-4107-901c-f693197c5c7f','networks',1,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (28,'c55cff49-13f8-49c4-9dc4-f0045ae727c3','security_group_rules',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (89,'c62bec38-4015-4cc2-90d6-95fb20e4eb26','ports',1,'2026-11-21 10:35:24','2026-11-21 10:35:24');
INSERT INTO `ovn_revision_numbers` VALUES (89,'c62bec38-4015-4cc2-90d6-95fb20e4eb26','router_ports',1,'2026-11-21 10:35:24','2026-11-21 10:35:25');
INSERT INTO `ovn_revision_numbers` VALUES (45,'c9b4a28b-6fe9-461f-88dc-3ce2a6cba4eb','subnets',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (42,'ce1a64eb-72ea-4a65-9e78-2602b4d40c7e','security_group_rules',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (55,'ce50adf1-3871-4f35-a6f6-dc2a743b8b66','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (104,'d0ac5b57-fa90-46c2-8e50-fbe6c4f77de2','floatingips',2,'2026-11-21 10:35:40','2026-11-21 10:35:41');
INSERT INTO `ovn_revision_numbers` VALUES (62,'d0ed4039-1033-4bc4-a67d-6e372644eb89','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (12,'d206aca2-6632-4a8d-8710-0e13787f53cc','subnets',0,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (34,'d20e7e04-4b76-4ed3-9c24-23564aa47701','subnets',0,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (57,'d4343bf3-3f42-4159-a334-feb946c7a649','security_groups',1,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (27,'d4d31739-cb44-4280-8f24-1a143c7af9b1','security_group_rules',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (6,'d5651df8-3f5e-4f04-9dbf-31a37d10ff21','security_group_rules',0,'2026-11-21 10:35:06','2026-11-21 10:35:06');
INSERT INTO `ovn_revision_numbers` VALUES (66,'d5c41f97-32a3-4f6c-ad34-499eadfa91c7','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (87,'d8d98a02-9801-41af-b324-27437089541b','ports',1,'2026-11-21 10:35:21','2026-11-21 10:35:21');
INSERT INTO `ovn_revision_numbers` VALUES (87,'d8d98a02-9801-41af-b324-27437089541b','router_ports',1,'2026-11-21 10:35:21','2026-11-21 10:35:22');
INSERT INTO `ovn_revision_numbers` VALUES (93,'d9380909-9df8-4779-ba7f-7631a96095c3','ports',2,'2026-11-21 10:35:32','2026-11-21 10:35:42');
INSERT INTO `ovn_revision_numbers` VALUES (93,'d9380909-9df8-4779-ba7f-7631a96095c3','router_ports',2,'2026-11-21 10:35:32','2026-11-21 10:35:42');
INSERT INTO `ovn_revision_numbers` VALUES (64,'da78eb40-1bd8-4964-ab8b-cb24fd38124b','security_group_rules',0,'2026-11-21 10:35:11','2026-11-21 10:35:11');
INSERT INTO `ovn_revision_numbers` VALUES (78,'daae4edd-ee8c-4f53-aa85-13186ddec5a2','ports',1,'2026-11-21 10:35:14','2026-11-21 10:35:14');
INSERT INTO `ovn_revision_numbers` VALUES (56,'db01d627-efd3-4a9e-a89d-79bd32bd81b3','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (77,'e5ee230d-733c-4559-bb98-e67fb01130cf','ports',1,'2026-11-21 10:35:14','2026-11-21 10:35:14');
INSERT INTO `ovn_revision_numbers` VALUES (109,'eb8f10d8-8b29-4317-8859-4214e06d0470','security_groups',1,'2026-11-21 10:35:45','2026-11-21 10:35:45');
INSERT INTO `ovn_revision_numbers` VALUES (47,'eb9a5252-0e37-486e-8a05-e796c1ba9382','subnets',0,'2026-11-21 10:35:09','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (26,'ef7b36c6-c9e8-48d1-91a9-d1c6dd0b2b57','security_group_rules',0,'2026-11-21 10:35:08','2026-11-21 10:35:08');
INSERT INTO `ovn_revision_numbers` VALUES (50,'f099169b-1ac5-4878-a5c4-9c036c697430','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (53,'f3f2ccad-9882-4eb9-8ba5-b3323d82696e','security_group_rules',0,'2026-11-21 10:35:10','2026-11-21 10:35:10');
INSERT INTO `ovn_revision_numbers` VALUES (16,'f514f9fc-4194-4304-b514-a554da7bd81d','networks',1,'2026-11-21 10:35:07','2026-11-21 10:35:07');
INSERT INTO `ovn_revision_numbers` VALUES (81,'f9c7b236-044f-4746-9cf5-7878be1c3585','ports',1,'2026-11-21 10:35:15','2026-11-21 10:35:15');
INSERT INTO `ovn_revision_numbers` VALUES (90,'f9d28524-15dc-4b41-9850-3db872a68c17','ports',2,'2026-11-21 10:35:26','2026-11-21 10:35:38');
INSERT INTO `ovn_revision_numbers` VALUES (90,'f9d28524-15dc-4b41-9850-3db872a68c17','router_ports',2,'2026-11-21 10:35:26','2026-11-21 10:35:38');
INSERT INTO `ovn_revision_numbers` VALUES (38,'fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','security_groups',1,'2026-11-21 10:35:09','2026-11-21 10:35:09');
INSERT INTO `ovn_revision_numbers` VALUES (29,'fef8b33a-1053-42f8-bba2-287801bf0f85','networks',1,'2026-11-21 10:35:08','2026-11-21 10:35:08');
CREATE TABLE `portforwardings` (
  `id` varchar(36) NOT NULL,
  `floatingip_id` varchar(36) NOT NULL,
  `internal_neutron_port_id` varchar(36) NOT NULL,
  `protocol` varchar(40) NOT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `internal_ip_address` varchar(64) NOT NULL,
  `internal_port_start` int(11) NOT NULL,
  `internal_port_end` int(11) NOT NULL,
  `external_port_start` int(11) NOT NULL,
  `external_port_end` int(11) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_portforwardings0standard_attr_id` (`standard_attr_id`),
  UNIQUE KEY `uniq_port_forwardings0floatingip_id0protocol0external_ports` (`floatingip_id`,`protocol`,`external_port_start`,`external_port_end`),
  UNIQUE KEY `uniq_port_forwardings0ptcl0in_prt_id0in_ip_addr0in_prts` (`protocol`,`internal_neutron_port_id`,`internal_ip_address`,`internal_port_start`,`internal_port_end`),
  KEY `portforwardings_ibfk_2` (`internal_neutron_port_id`),
  CONSTRAINT `portforwardings_ibfk_1` FOREIGN KEY (`floatingip_id`) REFERENCES `floatingips` (`id`) ON DELETE CASCADE,
  CONSTRAINT `portforwardings_ibfk_2` FOREIGN KEY (`internal_neutron_port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `portforwardings_ibfk_3` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `portforwardings` VALUES ('579f9e6a-4866-4fef-8789-2bbcad493643','d0ac5b57-fa90-46c2-8e50-fbe6c4f77de2','ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','tcp',105,'10.1.0.10',443,443,50773,50773);
INSERT INTO `portforwardings` VALUES ('a66ea2c2-40b9-4991-b178-ef6c4b5ef792','1c6aba75-9d1d-46a4-8c07-fccb631a1c4b','e5ee230d-733c-4559-bb98-e67fb01130cf','udp',108,'10.1.2.11',443,443,23230,23230);
CREATE TABLE `ports` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `network_id` varchar(36) NOT NULL,
  `mac_address` varchar(32) NOT NULL,
  `admin_state_up` tinyint(1) NOT NULL,
  `status` varchar(16) NOT NULL,
  `device_id` varchar(255) NOT NULL,
  `device_owner` varchar(255) NOT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `ip_allocation` varchar(16) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_ports0network_id0mac_address` (`network_id`,`mac_address`),
  UNIQUE KEY `uniq_ports0standard_attr_id` (`standard_attr_id`),
  UNIQUE KEY `uniq_ports0id0network_id` (`id`,`network_id`),
  KEY `ix_ports_network_id_device_owner` (`network_id`,`device_owner`),
  KEY `ix_ports_device_id` (`device_id`),
  KEY `ix_ports_project_id` (`project_id`),
  KEY `ix_ports_network_id` (`network_id`),
  CONSTRAINT `ports_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`),
  CONSTRAINT `ports_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ports` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','0d7a7413-cc98-45e5-b826-0b9810fb5bc8','net3-p1','8408f6c5-054d-43b4-8e3f-b497d824b77a','fa:16:3f:70:e6:72',1,'DOWN','6518093d-07db-f924-a604-8457861e02ec','compute:nova',79,'immediate');
INSERT INTO `ports` VALUES ('','12e3cad4-d71d-457d-b379-7386dbe6fe58','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:b9:fa:4e',1,'DOWN','b28eb669-1f91-4933-8594-5f662631488a','network:router_gateway',85,'immediate');
INSERT INTO `ports` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','1974b170-556f-4d48-af1d-1b8a9e92d23b','router3-net3','8408f6c5-054d-43b4-8e3f-b497d824b77a','fa:16:3e:14:47:7d',1,'ACTIVE','48708424-19b3-4297-86c8-dcdaef9801e0','network:router_interface',94,'immediate');
INSERT INTO `ports` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','3119d288-3316-47d6-b3df-1cd3065981f0','','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','fa:16:3e:80:0b:de',1,'ACTIVE','48708424-19b3-4297-86c8-dcdaef9801e0','network:router_interface',92,'immediate');
INSERT INTO `ports` VALUES ('','3db368b4-02c7-42b1-864a-5a35497b86af','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:3c:84:f8',1,'N/A','1c6aba75-9d1d-46a4-8c07-fccb631a1c4b','network:floatingip',106,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e','vlan157-p0','f514f9fc-4194-4304-b514-a554da7bd81d','fa:16:3f:a4:da:1e',1,'DOWN','','',80,'immediate');
INSERT INTO `ports` VALUES ('','4c36068d-2496-4d51-a8db-e1e6fa2fd0bc','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:18:e0:bd',1,'N/A','a17cfb46-9511-46a9-98d3-a623e39b7747','network:floatingip',97,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','5c300078-358a-485f-852f-2876a545fbcd','net2-p0','c5528d68-c930-4107-901c-f693197c5c7f','fa:16:3f:56:8b:96',1,'DOWN','7f1a355e-526e-b523-b3df-44a47467537a','compute:nova',76,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','69e07888-0c35-4ef5-b727-daf5f0bda14f','net0-p1','fef8b33a-1053-42f8-bba2-287801bf0f85','fa:16:3f:d3:f8:b6',1,'DOWN','89d9bf02-0067-dba8-5898-90086a17b9af','compute:nova',73,'immediate');
INSERT INTO `ports` VALUES ('','6badc6c5-262e-4d14-90fc-5803874d3841','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:5b:63:f8',1,'N/A','0f6dcc6c-2685-4a44-af9f-43127a8c6819','network:floatingip',99,'immediate');
INSERT INTO `ports` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','6bb8490d-e377-4232-9886-53e66c93a31e','','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','fa:16:3e:28:9b:f4',1,'ACTIVE','48708424-19b3-4297-86c8-dcdaef9801e0','network:router_interface',91,'immediate');
INSERT INTO `ports` VALUES ('','70e904fb-937c-4a0c-ada5-dc0a80e65b0b','','77083045-232d-4afb-9bb7-a787b786724e','fa:16:3e:52:1c:f4',1,'DOWN','be0c9485-d255-42a0-9601-da55eca4e229','network:router_gateway',83,'immediate');
INSERT INTO `ports` VALUES ('','8014aa21-7c0d-445c-be26-f66de696fef5','','77083045-232d-4afb-9bb7-a787b786724e','fa:16:3e:17:e0:8d',1,'N/A','da7749e3-efb4-40ab-b19c-006d1da05000','network:floatingip',95,'immediate');
INSERT INTO `ports` VALUES ('','8410b527-308a-4342-a997-749f517ae099','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:d9:f8:8e',1,'N/A','6ad483dc-d89d-4a0e-9739-46f92a1aebae','network:floatingip',101,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','aa06c663-b839-480f-9877-63cf4ddad4e1','net1-p1','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','fa:16:3f:24:2a:08',1,'DOWN','c16e2284-c10f-aa40-03ba-33db73f7ba8e','compute:nova',75,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','ade676cc-44f3-4d0c-a404-a7e4ad5e00f0','net0-p0','fef8b33a-1053-42f8-bba2-287801bf0f85','fa:16:3f:42:69:da',1,'DOWN','deb8fc4c-7b29-7d0b-0e5e-18baf320cd57','compute:nova',72,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','c500834d-5b7a-4bbf-8a25-473538b9aefe','net1-p0','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05','fa:16:3f:75:5a:5c',1,'DOWN','8d103ed3-cc66-7e97-1773-308cdc6b13ab','compute:nova',74,'immediate');
INSERT INTO `ports` VALUES ('','c62bec38-4015-4cc2-90d6-95fb20e4eb26','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:64:0c:5f',1,'DOWN','48708424-19b3-4297-86c8-dcdaef9801e0','network:router_gateway',89,'immediate');
INSERT INTO `ports` VALUES ('','d8d98a02-9801-41af-b324-27437089541b','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:5c:b7:46',1,'DOWN','4204e82e-2c6c-4667-870e-5f3381d5e5a1','network:router_gateway',87,'immediate');
INSERT INTO `ports` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','d9380909-9df8-4779-ba7f-7631a96095c3','','c5528d68-c930-4107-901c-f693197c5c7f','fa:16:3e:01:48:20',1,'ACTIVE','48708424-19b3-4297-86c8-dcdaef9801e0','network:router_interface',93,'immediate');
INSERT INTO `ports` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','daae4edd-ee8c-4f53-aa85-13186ddec5a2','net3-p0','8408f6c5-054d-43b4-8e3f-b497d824b77a','fa:16:3f:0a:73:09',1,'DOWN','b80599e9-090b-20bb-257e-845465b675cd','compute:nova',78,'immediate');
INSERT INTO `ports` VALUES ('','de7a6324-fe12-4a4b-8d18-84aa2a7340bc','','a9ca06fc-08a8-4804-b398-f3c2b5533bf8','fa:16:3e:14:34:c7',1,'N/A','d0ac5b57-fa90-46c2-8e50-fbe6c4f77de2','network:floatingip',103,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','e5ee230d-733c-4559-bb98-e67fb01130cf','net2-p1','c5528d68-c930-4107-901c-f693197c5c7f','fa:16:3f:60:84:37',1,'DOWN','8296f5ea-baeb-41a5-e65a-814940e2a20a','compute:nova',77,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','f9c7b236-044f-4746-9cf5-7878be1c3585','vlan160-p0','bf2770ad-cddc-4c0d-9c37-cb93723ff10f','fa:16:3f:40:6c:18',1,'DOWN','','',81,'immediate');
INSERT INTO `ports` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','f9d28524-15dc-4b41-9850-3db872a68c17','','fef8b33a-1053-42f8-bba2-287801bf0f85','fa:16:3e:37:91:cd',1,'ACTIVE','b28eb669-1f91-4933-8594-5f662631488a','network:router_interface',90,'immediate');
CREATE TABLE `portsecuritybindings` (
  `port_id` varchar(36) NOT NULL,
  `port_security_enabled` tinyint(1) NOT NULL,
  PRIMARY KEY (`port_id`),
  CONSTRAINT `portsecuritybindings_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `portsecuritybindings` VALUES ('0d7a7413-cc98-45e5-b826-0b9810fb5bc8',0);
INSERT INTO `portsecuritybindings` VALUES ('12e3cad4-d71d-457d-b379-7386dbe6fe58',0);
INSERT INTO `portsecuritybindings` VALUES ('1974b170-556f-4d48-af1d-1b8a9e92d23b',1);
INSERT INTO `portsecuritybindings` VALUES ('3119d288-3316-47d6-b3df-1cd3065981f0',0);
INSERT INTO `portsecuritybindings` VALUES ('3db368b4-02c7-42b1-864a-5a35497b86af',0);
INSERT INTO `portsecuritybindings` VALUES ('4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e',1);
INSERT INTO `portsecuritybindings` VALUES ('4c36068d-2496-4d51-a8db-e1e6fa2fd0bc',0);
INSERT INTO `portsecuritybindings` VALUES ('5c300078-358a-485f-852f-2876a545fbcd',1);
INSERT INTO `portsecuritybindings` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f',1);
INSERT INTO `portsecuritybindings` VALUES ('6badc6c5-262e-4d14-90fc-5803874d3841',0);
INSERT INTO `portsecuritybindings` VALUES ('6bb8490d-e377-4232-9886-53e66c93a31e',0);
INSERT INTO `portsecuritybindings` VALUES ('70e904fb-937c-4a0c-ada5-dc0a80e65b0b',0);
INSERT INTO `portsecuritybindings` VALUES ('8014aa21-7c0d-445c-be26-f66de696fef5',0);
INSERT INTO `portsecuritybindings` VALUES ('8410b527-308a-4342-a997-749f517ae099',0);
INSERT INTO `portsecuritybindings` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1',1);
INSERT INTO `portsecuritybindings` VALUES ('ade676cc-44f3-4d0c-a404-a7e4ad5e00f0',0);
INSERT INTO `portsecuritybindings` VALUES ('c500834d-5b7a-4bbf-8a25-473538b9aefe',1);
INSERT INTO `portsecuritybindings` VALUES ('c62bec38-4015-4cc2-90d6-95fb20e4eb26',0);
INSERT INTO `portsecuritybindings` VALUES ('d8d98a02-9801-41af-b324-27437089541b',0);
INSERT INTO `portsecuritybindings` VALUES ('d9380909-9df8-4779-ba7f-7631a96095c3',0);
INSERT INTO `portsecuritybindings` VALUES ('daae4edd-ee8c-4f53-aa85-13186ddec5a2',1);
INSERT INTO `portsecuritybindings` VALUES ('de7a6324-fe12-4a4b-8d18-84aa2a7340bc',0);
INSERT INTO `portsecuritybindings` VALUES ('e5ee230d-733c-4559-bb98-e67fb01130cf',1);
INSERT INTO `portsecuritybindings` VALUES ('f9c7b236-044f-4746-9cf5-7878be1c3585',1);
INSERT INTO `portsecuritybindings` VALUES ('f9d28524-15dc-4b41-9850-3db872a68c17',0);
CREATE TABLE `qos_bandwidth_limit_rules` (
  `id` varchar(36) NOT NULL,
  `qos_policy_id` varchar(36) NOT NULL,
  `max_kbps` int(11) DEFAULT NULL,
  `max_burst_kbps` int(11) DEFAULT NULL,
  `direction` enum('egress','ingress') NOT NULL DEFAULT 'egress',
  PRIMARY KEY (`id`),
  UNIQUE KEY `qos_bandwidth_rules0qos_policy_id0direction` (`qos_policy_id`,`direction`),
  CONSTRAINT `qos_bandwidth_limit_rules_ibfk_1` FOREIGN KEY (`qos_policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('34e7d1d0-3b98-4eae-990d-e493c84b548d','145bc908-e778-45f6-8659-28ebaca4d2f5',100000,100,'egress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('80e2767f-aff1-4b75-b36f-2f2f3ac4a4ca','954cf098-1e48-45ee-a997-332510ada82e',100000,100,'egress');
CREATE TABLE `qos_dscp_marking_rules` (
  `id` varchar(36) NOT NULL,
  `qos_policy_id` varchar(36) NOT NULL,
  `dscp_mark` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `qos_policy_id` (`qos_policy_id`),
  CONSTRAINT `qos_dscp_marking_rules_ibfk_1` FOREIGN KEY (`qos_policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_dscp_marking_rules` VALUES ('f5fb9804-622e-4a4f-8371-3ec3e3707d57','145bc908-e778-45f6-8659-28ebaca4d2f5',10);
CREATE TABLE `qos_fip_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `fip_id` varchar(36) NOT NULL,
  UNIQUE KEY `fip_id` (`fip_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `qos_fip_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_fip_policy_bindings_ibfk_2` FOREIGN KEY (`fip_id`) REFERENCES `floatingips` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_fip_policy_bindings` VALUES ('145bc908-e778-45f6-8659-28ebaca4d2f5','da7749e3-efb4-40ab-b19c-006d1da05000');
CREATE TABLE `qos_minimum_bandwidth_rules` (
  `id` varchar(36) NOT NULL,
  `qos_policy_id` varchar(36) NOT NULL,
  `min_kbps` int(11) DEFAULT NULL,
  `direction` enum('egress','ingress') NOT NULL DEFAULT 'egress',
  PRIMARY KEY (`id`),
  UNIQUE KEY `qos_minimum_bandwidth_rules0qos_policy_id0direction` (`qos_policy_id`,`direction`),
  KEY `ix_qos_minimum_bandwidth_rules_qos_policy_id` (`qos_policy_id`),
  CONSTRAINT `qos_minimum_bandwidth_rules_ibfk_1` FOREIGN KEY (`qos_policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `qos_network_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `network_id` varchar(36) NOT NULL,
  UNIQUE KEY `network_id` (`network_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `qos_network_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_network_policy_bindings_ibfk_2` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_network_policy_bindings` VALUES ('954cf098-1e48-45ee-a997-332510ada82e','fef8b33a-1053-42f8-bba2-287801bf0f85');
CREATE TABLE `qos_policies` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `project_id` varchar(255) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_qos_policies0standard_attr_id` (`standard_attr_id`),
  KEY `ix_qos_policies_project_id` (`project_id`),
  CONSTRAINT `qos_policies_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_policies` VALUES ('145bc908-e778-45f6-8659-28ebaca4d2f5','qos1','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',23);
INSERT INTO `qos_policies` VALUES ('954cf098-1e48-45ee-a997-332510ada82e','qos0','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',22);
CREATE TABLE `qos_port_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `port_id` varchar(36) NOT NULL,
  UNIQUE KEY `port_id` (`port_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `qos_port_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_port_policy_bindings_ibfk_2` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_port_policy_bindings` VALUES ('145bc908-e778-45f6-8659-28ebaca4d2f5','69e07888-0c35-4ef5-b727-daf5f0bda14f');
CREATE TABLE `qos_router_gw_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `router_id` varchar(36) NOT NULL,
  PRIMARY KEY (`policy_id`,`router_id`),
  UNIQUE KEY `router_id` (`router_id`),
  CONSTRAINT `qos_router_gw_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_router_gw_policy_bindings_ibfk_2` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `router_extra_attributes` (
  `router_id` varchar(36) NOT NULL,
  `distributed` tinyint(1) NOT NULL DEFAULT 0,
  `service_router` tinyint(1) NOT NULL DEFAULT 0,
  `ha` tinyint(1) NOT NULL DEFAULT 0,
  `ha_vr_id` int(11) DEFAULT NULL,
  `availability_zone_hints` varchar(255) DEFAULT NULL,
  `enable_default_route_ecmp` tinyint(1) NOT NULL DEFAULT 0,
  `enable_default_route_bfd` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`router_id`),
  CONSTRAINT `router_extra_attributes_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `router_extra_attributes` VALUES ('4204e82e-2c6c-4667-870e-5f3381d5e5a1',0,0,1,0,'[]',0,0);
INSERT INTO `router_extra_attributes` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0',0,0,1,0,'[]',0,0);
INSERT INTO `router_extra_attributes` VALUES ('b28eb669-1f91-4933-8594-5f662631488a',0,0,1,0,'[]',0,0);
INSERT INTO `router_extra_attributes` VALUES ('be0c9485-d255-42a0-9601-da55eca4e229',0,0,1,0,'[]',0,0);
CREATE TABLE `routerports` (
  `router_id` varchar(36) NOT NULL,
  `port_id` varchar(36) NOT NULL,
  `port_type` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`router_id`,`port_id`),
  UNIQUE KEY `uniq_routerports0port_id` (`port_id`),
  CONSTRAINT `routerports_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE,
  CONSTRAINT `routerports_ibfk_2` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routerports` VALUES ('4204e82e-2c6c-4667-870e-5f3381d5e5a1','d8d98a02-9801-41af-b324-27437089541b','network:router_gateway');
INSERT INTO `routerports` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0','1974b170-556f-4d48-af1d-1b8a9e92d23b','network:router_interface');
INSERT INTO `routerports` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0','3119d288-3316-47d6-b3df-1cd3065981f0','network:router_interface');
INSERT INTO `routerports` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0','6bb8490d-e377-4232-9886-53e66c93a31e','network:router_interface');
INSERT INTO `routerports` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0','c62bec38-4015-4cc2-90d6-95fb20e4eb26','network:router_gateway');
INSERT INTO `routerports` VALUES ('48708424-19b3-4297-86c8-dcdaef9801e0','d9380909-9df8-4779-ba7f-7631a96095c3','network:router_interface');
INSERT INTO `routerports` VALUES ('b28eb669-1f91-4933-8594-5f662631488a','12e3cad4-d71d-457d-b379-7386dbe6fe58','network:router_gateway');
INSERT INTO `routerports` VALUES ('b28eb669-1f91-4933-8594-5f662631488a','f9d28524-15dc-4b41-9850-3db872a68c17','network:router_interface');
INSERT INTO `routerports` VALUES ('be0c9485-d255-42a0-9601-da55eca4e229','70e904fb-937c-4a0c-ada5-dc0a80e65b0b','network:router_gateway');
CREATE TABLE `routerroutes` (
  `destination` varchar(64) NOT NULL,
  `nexthop` varchar(64) NOT NULL,
  `router_id` varchar(36) NOT NULL,
  PRIMARY KEY (`destination`,`nexthop`,`router_id`),
  KEY `router_id` (`router_id`),
  CONSTRAINT `routerroutes_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routerroutes` VALUES ('172.16.167.0/24','10.1.0.254','b28eb669-1f91-4933-8594-5f662631488a');
CREATE TABLE `routers` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `status` varchar(16) DEFAULT NULL,
  `admin_state_up` tinyint(1) DEFAULT NULL,
  `gw_port_id` varchar(36) DEFAULT NULL,
  `enable_snat` tinyint(1) NOT NULL DEFAULT 1,
  `standard_attr_id` bigint(20) NOT NULL,
  `flavor_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_routers0standard_attr_id` (`standard_attr_id`),
  KEY `gw_port_id` (`gw_port_id`),
  KEY `flavor_id` (`flavor_id`),
  KEY `ix_routers_project_id` (`project_id`),
  CONSTRAINT `routers_ibfk_1` FOREIGN KEY (`gw_port_id`) REFERENCES `ports` (`id`),
  CONSTRAINT `routers_ibfk_2` FOREIGN KEY (`flavor_id`) REFERENCES `flavors` (`id`),
  CONSTRAINT `routers_ibfk_3` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routers` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','4204e82e-2c6c-4667-870e-5f3381d5e5a1','router2','ACTIVE',1,'d8d98a02-9801-41af-b324-27437089541b',0,86,NULL);
INSERT INTO `routers` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','48708424-19b3-4297-86c8-dcdaef9801e0','router3','ACTIVE',1,'c62bec38-4015-4cc2-90d6-95fb20e4eb26',1,88,NULL);
INSERT INTO `routers` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','b28eb669-1f91-4933-8594-5f662631488a','router1','ACTIVE',1,'12e3cad4-d71d-457d-b379-7386dbe6fe58',1,84,NULL);
INSERT INTO `routers` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','be0c9485-d255-42a0-9601-da55eca4e229','router0','ACTIVE',1,'70e904fb-937c-4a0c-ada5-dc0a80e65b0b',0,82,NULL);
CREATE TABLE `securitygroupportbindings` (
  `port_id` varchar(36) NOT NULL,
  `security_group_id` varchar(36) NOT NULL,
  PRIMARY KEY (`port_id`,`security_group_id`),
  KEY `securitygroupportbindings_ibfk_2` (`security_group_id`),
  CONSTRAINT `securitygroupportbindings_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `securitygroupportbindings_ibfk_2` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `securitygroupportbindings` VALUES ('1974b170-556f-4d48-af1d-1b8a9e92d23b','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e');
INSERT INTO `securitygroupportbindings` VALUES ('4a2b4db9-45ac-4c8a-b8dc-51d2167d1d7e','4183613d-1915-4d91-834d-a9075ea071e3');
INSERT INTO `securitygroupportbindings` VALUES ('5c300078-358a-485f-852f-2876a545fbcd','af8d9abe-c5ee-4c5f-a72b-55056c7cc695');
INSERT INTO `securitygroupportbindings` VALUES ('69e07888-0c35-4ef5-b727-daf5f0bda14f','4183613d-1915-4d91-834d-a9075ea071e3');
INSERT INTO `securitygroupportbindings` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','87828e75-f6f3-4fac-a8a7-1105577bb2cc');
INSERT INTO `securitygroupportbindings` VALUES ('aa06c663-b839-480f-9877-63cf4ddad4e1','d4343bf3-3f42-4159-a334-feb946c7a649');
INSERT INTO `securitygroupportbindings` VALUES ('c500834d-5b7a-4bbf-8a25-473538b9aefe','4183613d-1915-4d91-834d-a9075ea071e3');
INSERT INTO `securitygroupportbindings` VALUES ('daae4edd-ee8c-4f53-aa85-13186ddec5a2','0d0168a8-4047-4101-8a0e-dfbff1612728');
INSERT INTO `securitygroupportbindings` VALUES ('e5ee230d-733c-4559-bb98-e67fb01130cf','4183613d-1915-4d91-834d-a9075ea071e3');
INSERT INTO `securitygroupportbindings` VALUES ('f9c7b236-044f-4746-9cf5-7878be1c3585','4183613d-1915-4d91-834d-a9075ea071e3');
CREATE TABLE `securitygrouprules` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `security_group_id` varchar(36) NOT NULL,
  `remote_group_id` varchar(36) DEFAULT NULL,
  `direction` enum('ingress','egress') DEFAULT NULL,
  `ethertype` varchar(40) DEFAULT NULL,
  `protocol` varchar(40) DEFAULT NULL,
  `port_range_min` int(11) DEFAULT NULL,
  `port_range_max` int(11) DEFAULT NULL,
  `remote_ip_prefix` varchar(255) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `remote_address_group_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_securitygrouprules0standard_attr_id` (`standard_attr_id`),
  KEY `security_group_id` (`security_group_id`),
  KEY `remote_group_id` (`remote_group_id`),
  KEY `ix_securitygrouprules_project_id` (`project_id`),
  KEY `remote_address_group_id` (`remote_address_group_id`),
  CONSTRAINT `securitygrouprules_ibfk_1` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE,
  CONSTRAINT `securitygrouprules_ibfk_2` FOREIGN KEY (`remote_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE,
  CONSTRAINT `securitygrouprules_ibfk_3` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE,
  CONSTRAINT `securitygrouprules_ibfk_4` FOREIGN KEY (`remote_address_group_id`) REFERENCES `address_groups` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','0143a7af-ecc2-424a-8488-2864a4cd6c4a','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','ingress','IPv4',NULL,NULL,NULL,NULL,40,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','0e9b8030-4674-467f-8fa1-a375258aa16a','eb8f10d8-8b29-4317-8859-4214e06d0470',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,113,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','131fbdc6-bced-466a-8bec-92eddcf628a9','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','ingress','IPv6',NULL,NULL,NULL,NULL,41,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','332ab193-343f-4703-b838-decb4f77f127','0d0168a8-4047-4101-8a0e-dfbff1612728',NULL,'egress','IPv4','udp',53,53,'192.0.2.53/32',65,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','34d2e652-f1dd-41cb-9443-9f8798ed55d8','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,39,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','391a6973-ada7-427d-abd8-191ce34d0c15','4183613d-1915-4d91-834d-a9075ea071e3',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,25,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','40200c6c-4a38-4949-a8e6-0a997904125a','d4343bf3-3f42-4159-a334-feb946c7a649',NULL,'ingress','IPv4','tcp',5432,5432,'0.0.0.0/0',70,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','4efb1341-c59c-4fe1-8ed6-70f6be6de017','af8d9abe-c5ee-4c5f-a72b-55056c7cc695',NULL,'egress','IPv4','udp',53,53,'192.0.2.53/32',67,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','4fef40a8-ae94-436a-8e0d-cef6c49bdede','af8d9abe-c5ee-4c5f-a72b-55056c7cc695',NULL,'ingress','IPv6','tcp',8080,8080,'2001:db8::/32',68,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','521e43ed-f265-46c6-93ec-17bb38492a0f','109c6412-72ba-4421-b35b-459b152879fa','109c6412-72ba-4421-b35b-459b152879fa','ingress','IPv6',NULL,NULL,NULL,NULL,8,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','53051468-e232-4937-80b9-0b747c634523','109c6412-72ba-4421-b35b-459b152879fa',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,9,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','570b9355-1324-4bec-beed-ddc3e58f0146','d4343bf3-3f42-4159-a334-feb946c7a649',NULL,'ingress','IPv4','gre',NULL,NULL,'0.0.0.0/0',71,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','608b8f00-05e9-47b8-859e-39a8f2acc69a','87828e75-f6f3-4fac-a8a7-1105577bb2cc',NULL,'ingress','IPv6','tcp',8080,8080,'2001:db8::/32',61,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','72fd127f-3861-456a-9507-d96c7c68a003','eb8f10d8-8b29-4317-8859-4214e06d0470','eb8f10d8-8b29-4317-8859-4214e06d0470','ingress','IPv6',NULL,NULL,NULL,NULL,112,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','7496825f-adfc-4629-be59-9a9e91fb1400','eb8f10d8-8b29-4317-8859-4214e06d0470',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,110,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','7dc72995-4cc8-4943-912b-7856b8f64d03','109c6412-72ba-4421-b35b-459b152879fa','109c6412-72ba-4421-b35b-459b152879fa','ingress','IPv4',NULL,NULL,NULL,NULL,7,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','9335dd52-1e20-4a46-aa59-450e145b445d','0d0168a8-4047-4101-8a0e-dfbff1612728','0d0168a8-4047-4101-8a0e-dfbff1612728','ingress','IPv4',NULL,NULL,NULL,NULL,63,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','a10f94e4-a3b4-4844-b040-bf016a930d80','d4343bf3-3f42-4159-a334-feb946c7a649',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,58,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','a18dd943-9538-4aa3-b196-8e884bd404e3','87828e75-f6f3-4fac-a8a7-1105577bb2cc',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,49,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','a26e40d4-0d34-4300-bf02-26a583c35b2a','eb8f10d8-8b29-4317-8859-4214e06d0470','eb8f10d8-8b29-4317-8859-4214e06d0470','ingress','IPv4',NULL,NULL,NULL,NULL,111,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','a7eaa896-e54f-49fd-ac6e-f196560d29db','d4343bf3-3f42-4159-a334-feb946c7a649',NULL,'ingress','IPv4','udp',123,123,'0.0.0.0/0',69,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','abcabfae-73b4-41d4-990d-c39f24d7388c','87828e75-f6f3-4fac-a8a7-1105577bb2cc',NULL,'ingress','IPv4','gre',NULL,NULL,'0.0.0.0/0',60,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','c36831cd-e814-4e5d-8297-eeada471a76a','d4343bf3-3f42-4159-a334-feb946c7a649',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,59,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','c368ccb9-e56b-4334-ad54-5c239655c7f3','0d0168a8-4047-4101-8a0e-dfbff1612728',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,52,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','c55cff49-13f8-49c4-9dc4-f0045ae727c3','4183613d-1915-4d91-834d-a9075ea071e3',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,28,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','ce1a64eb-72ea-4a65-9e78-2602b4d40c7e','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,42,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','ce50adf1-3871-4f35-a6f6-dc2a743b8b66','af8d9abe-c5ee-4c5f-a72b-55056c7cc695',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,55,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d0ed4039-1033-4bc4-a67d-6e372644eb89','87828e75-f6f3-4fac-a8a7-1105577bb2cc','87828e75-f6f3-4fac-a8a7-1105577bb2cc','ingress','IPv6',NULL,NULL,NULL,NULL,62,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d4d31739-cb44-4280-8f24-1a143c7af9b1','4183613d-1915-4d91-834d-a9075ea071e3','4183613d-1915-4d91-834d-a9075ea071e3','ingress','IPv6',NULL,NULL,NULL,NULL,27,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','d5651df8-3f5e-4f04-9dbf-31a37d10ff21','109c6412-72ba-4421-b35b-459b152879fa',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,6,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d5c41f97-32a3-4f6c-ad34-499eadfa91c7','af8d9abe-c5ee-4c5f-a72b-55056c7cc695',NULL,'ingress','IPv4','udp',161,161,'192.0.2.0/24',66,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','da78eb40-1bd8-4964-ab8b-cb24fd38124b','0d0168a8-4047-4101-8a0e-dfbff1612728',NULL,'ingress','IPv6','ipv6-icmp',NULL,NULL,NULL,64,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','db01d627-efd3-4a9e-a89d-79bd32bd81b3','af8d9abe-c5ee-4c5f-a72b-55056c7cc695',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,56,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','ef7b36c6-c9e8-48d1-91a9-d1c6dd0b2b57','4183613d-1915-4d91-834d-a9075ea071e3','4183613d-1915-4d91-834d-a9075ea071e3','ingress','IPv4',NULL,NULL,NULL,NULL,26,NULL);
INSERT INTO `securitygrouprules` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','f099169b-1ac5-4878-a5c4-9c036c697430','87828e75-f6f3-4fac-a8a7-1105577bb2cc',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,50,NULL);
INSERT INTO `securitygrouprules` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','f3f2ccad-9882-4eb9-8ba5-b3323d82696e','0d0168a8-4047-4101-8a0e-dfbff1612728',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,53,NULL);
CREATE TABLE `securitygroups` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `stateful` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_securitygroups0standard_attr_id` (`standard_attr_id`),
  KEY `ix_securitygroups_project_id` (`project_id`),
  CONSTRAINT `securitygroups_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `securitygroups` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','0d0168a8-4047-4101-8a0e-dfbff1612728','sg1',51,1);
INSERT INTO `securitygroups` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','109c6412-72ba-4421-b35b-459b152879fa','default',5,1);
INSERT INTO `securitygroups` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','4183613d-1915-4d91-834d-a9075ea071e3','default',24,1);
INSERT INTO `securitygroups` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','87828e75-f6f3-4fac-a8a7-1105577bb2cc','sg0',48,1);
INSERT INTO `securitygroups` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','af8d9abe-c5ee-4c5f-a72b-55056c7cc695','sg2',54,0);
INSERT INTO `securitygroups` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d4343bf3-3f42-4159-a334-feb946c7a649','sg3',57,1);
INSERT INTO `securitygroups` VALUES ('fake_project_id','eb8f10d8-8b29-4317-8859-4214e06d0470','default',109,1);
INSERT INTO `securitygroups` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','fc8f9bed-ef9e-4da3-bf8c-e0057c1d5d5e','default',38,1);
CREATE TABLE `standardattributes` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `resource_type` varchar(255) NOT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `revision_number` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=114 DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `standardattributes` VALUES (1,'securitygroupdefaultrules',NULL,NULL,'Legacy default SG rule for egress traffic',0);
INSERT INTO `standardattributes` VALUES (2,'securitygroupdefaultrules',NULL,NULL,'Legacy default SG rule for egress traffic',0);
INSERT INTO `standardattributes` VALUES (3,'securitygroupdefaultrules',NULL,NULL,'Legacy default SG rule for ingress traffic',0);
INSERT INTO `standardattributes` VALUES (4,'securitygroupdefaultrules',NULL,NULL,'Legacy default SG rule for ingress traffic',0);
INSERT INTO `standardattributes` VALUES (5,'securitygroups','2026-11-21 10:35:05','2026-11-21 10:35:06','Default security group',1);
INSERT INTO `standardattributes` VALUES (6,'securitygrouprules','2026-11-21 10:35:06','2026-11-21 10:35:06',NULL,0);
INSERT INTO `standardattributes` VALUES (7,'securitygrouprules','2026-11-21 10:35:06','2026-11-21 10:35:06',NULL,0);
INSERT INTO `standardattributes` VALUES (8,'securitygrouprules','2026-11-21 10:35:06','2026-11-21 10:35:06',NULL,0);
INSERT INTO `standardattributes` VALUES (9,'securitygrouprules','2026-11-21 10:35:06','2026-11-21 10:35:06',NULL,0);
INSERT INTO `standardattributes` VALUES (10,'networks','2026-11-21 10:35:06','2026-11-21 10:35:06','',2);
INSERT INTO `standardattributes` VALUES (11,'networksegments','2026-11-21 10:35:06','2026-11-21 10:35:06',NULL,1);
INSERT INTO `standardattributes` VALUES (12,'subnets','2026-11-21 10:35:06','2026-11-21 10:35:06','',0);
INSERT INTO `standardattributes` VALUES (13,'networks','2026-11-21 10:35:07','2026-11-21 10:35:07','',2);
INSERT INTO `standardattributes` VALUES (14,'networksegments','2026-11-21 10:35:07','2026-11-21 10:35:07',NULL,1);
INSERT INTO `standardattributes` VALUES (15,'subnets','2026-11-21 10:35:07','2026-11-21 10:35:07','',0);
INSERT INTO `standardattributes` VALUES (16,'networks','2026-11-21 10:35:07','2026-11-21 10:35:07','',2);
INSERT INTO `standardattributes` VALUES (17,'networksegments','2026-11-21 10:35:07','2026-11-21 10:35:07',NULL,1);
INSERT INTO `standardattributes` VALUES (18,'subnets','2026-11-21 10:35:07','2026-11-21 10:35:07','',0);
INSERT INTO `standardattributes` VALUES (19,'networks','2026-11-21 10:35:07','2026-11-21 10:35:08','',2);
INSERT INTO `standardattributes` VALUES (20,'networksegments','2026-11-21 10:35:07','2026-11-21 10:35:07',NULL,1);
INSERT INTO `standardattributes` VALUES (21,'subnets','2026-11-21 10:35:08','2026-11-21 10:35:08','',0);
INSERT INTO `standardattributes` VALUES (22,'qos_policies','2026-11-21 10:35:08','2026-11-21 10:35:08','',1);
INSERT INTO `standardattributes` VALUES (23,'qos_policies','2026-11-21 10:35:08','2026-11-21 10:35:08','',2);
INSERT INTO `standardattributes` VALUES (24,'securitygroups','2026-11-21 10:35:08','2026-11-21 10:35:08','Default security group',1);
INSERT INTO `standardattributes` VALUES (25,'securitygrouprules','2026-11-21 10:35:08','2026-11-21 10:35:08',NULL,0);
INSERT INTO `standardattributes` VALUES (26,'securitygrouprules','2026-11-21 10:35:08','2026-11-21 10:35:08',NULL,0);
INSERT INTO `standardattributes` VALUES (27,'securitygrouprules','2026-11-21 10:35:08','2026-11-21 10:35:08',NULL,0);
INSERT INTO `standardattributes` VALUES (28,'securitygrouprules','2026-11-21 10:35:08','2026-11-21 10:35:08',NULL,0);
INSERT INTO `standardattributes` VALUES (29,'networks','2026-11-21 10:35:08','2026-11-21 10:35:09','',3);
INSERT INTO `standardattributes` VALUES (30,'networksegments','2026-11-21 10:35:08','2026-11-21 10:35:08',NULL,0);
INSERT INTO `standardattributes` VALUES (31,'subnets','2026-11-21 10:35:08','2026-11-21 10:35:08','',0);
INSERT INTO `standardattributes` VALUES (32,'networks','2026-11-21 10:35:09','2026-11-21 10:35:09','',3);
INSERT INTO `standardattributes` VALUES (33,'networksegments','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (34,'subnets','2026-11-21 10:35:09','2026-11-21 10:35:09','',0);
INSERT INTO `standardattributes` VALUES (35,'networks','2026-11-21 10:35:09','2026-11-21 10:35:09','',2);
INSERT INTO `standardattributes` VALUES (36,'networksegments','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (37,'subnets','2026-11-21 10:35:09','2026-11-21 10:35:09','',0);
INSERT INTO `standardattributes` VALUES (38,'securitygroups','2026-11-21 10:35:09','2026-11-21 10:35:09','Default security group',1);
INSERT INTO `standardattributes` VALUES (39,'securitygrouprules','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (40,'securitygrouprules','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (41,'securitygrouprules','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (42,'securitygrouprules','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (43,'networks','2026-11-21 10:35:09','2026-11-21 10:35:09','',2);
INSERT INTO `standardattributes` VALUES (44,'networksegments','2026-11-21 10:35:09','2026-11-21 10:35:09',NULL,0);
INSERT INTO `standardattributes` VALUES (45,'subnets','2026-11-21 10:35:09','2026-11-21 10:35:09','',0);
INSERT INTO `standardattributes` VALUES (46,'subnets','2026-11-21 10:35:09','2026-11-21 10:35:09','',0);
INSERT INTO `standardattributes` VALUES (47,'subnets','2026-11-21 10:35:09','2026-11-21 10:35:09','',0);
INSERT INTO `standardattributes` VALUES (48,'securitygroups','2026-11-21 10:35:10','2026-11-21 10:35:10','generated',4);
INSERT INTO `standardattributes` VALUES (49,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (50,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (51,'securitygroups','2026-11-21 10:35:10','2026-11-21 10:35:11','generated',4);
INSERT INTO `standardattributes` VALUES (52,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (53,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (54,'securitygroups','2026-11-21 10:35:10','2026-11-21 10:35:11','generated',4);
INSERT INTO `standardattributes` VALUES (55,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (56,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (57,'securitygroups','2026-11-21 10:35:10','2026-11-21 10:35:11','generated',4);
INSERT INTO `standardattributes` VALUES (58,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (59,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10',NULL,0);
INSERT INTO `standardattributes` VALUES (60,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10','',0);
INSERT INTO `standardattributes` VALUES (61,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10','',0);
INSERT INTO `standardattributes` VALUES (62,'securitygrouprules','2026-11-21 10:35:10','2026-11-21 10:35:10','',0);
INSERT INTO `standardattributes` VALUES (63,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (64,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (65,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (66,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (67,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (68,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (69,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (70,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (71,'securitygrouprules','2026-11-21 10:35:11','2026-11-21 10:35:11','',0);
INSERT INTO `standardattributes` VALUES (72,'ports','2026-11-21 10:35:11','2026-11-21 10:35:40','',4);
INSERT INTO `standardattributes` VALUES (73,'ports','2026-11-21 10:35:12','2026-11-21 10:35:15','',4);
INSERT INTO `standardattributes` VALUES (74,'ports','2026-11-21 10:35:12','2026-11-21 10:35:13','',3);
INSERT INTO `standardattributes` VALUES (75,'ports','2026-11-21 10:35:13','2026-11-21 10:35:13','',3);
INSERT INTO `standardattributes` VALUES (76,'ports','2026-11-21 10:35:13','2026-11-21 10:35:13','',3);
INSERT INTO `standardattributes` VALUES (77,'ports','2026-11-21 10:35:13','2026-11-21 10:35:42','',2);
INSERT INTO `standardattributes` VALUES (78,'ports','2026-11-21 10:35:14','2026-11-21 10:35:14','',1);
INSERT INTO `standardattributes` VALUES (79,'ports','2026-11-21 10:35:14','2026-11-21 10:35:14','',3);
INSERT INTO `standardattributes` VALUES (80,'ports','2026-11-21 10:35:14','2026-11-21 10:35:15','',1);
INSERT INTO `standardattributes` VALUES (81,'ports','2026-11-21 10:35:15','2026-11-21 10:35:15','',1);
INSERT INTO `standardattributes` VALUES (82,'routers','2026-11-21 10:35:15','2026-11-21 10:35:17','',3);
INSERT INTO `standardattributes` VALUES (83,'ports','2026-11-21 10:35:16','2026-11-21 10:35:16','',1);
INSERT INTO `standardattributes` VALUES (84,'routers','2026-11-21 10:35:18','2026-11-21 10:35:35','',4);
INSERT INTO `standardattributes` VALUES (85,'ports','2026-11-21 10:35:18','2026-11-21 10:35:18','',1);
INSERT INTO `standardattributes` VALUES (86,'routers','2026-11-21 10:35:20','2026-11-21 10:35:21','',3);
INSERT INTO `standardattributes` VALUES (87,'ports','2026-11-21 10:35:20','2026-11-21 10:35:20','',1);
INSERT INTO `standardattributes` VALUES (88,'routers','2026-11-21 10:35:23','2026-11-21 10:35:34','',6);
INSERT INTO `standardattributes` VALUES (89,'ports','2026-11-21 10:35:24','2026-11-21 10:35:24','',1);
INSERT INTO `standardattributes` VALUES (90,'ports','2026-11-21 10:35:25','2026-11-21 10:35:38','',2);
INSERT INTO `standardattributes` VALUES (91,'ports','2026-11-21 10:35:28','2026-11-21 10:35:39','',2);
INSERT INTO `standardattributes` VALUES (92,'ports','2026-11-21 10:35:30','2026-11-21 10:35:40','',2);
INSERT INTO `standardattributes` VALUES (93,'ports','2026-11-21 10:35:32','2026-11-21 10:35:41','',2);
INSERT INTO `standardattributes` VALUES (94,'ports','2026-11-21 10:35:33','2026-11-21 10:35:42','',3);
INSERT INTO `standardattributes` VALUES (95,'ports','2026-11-21 10:35:35','2026-11-21 10:35:35','',2);
INSERT INTO `standardattributes` VALUES (96,'floatingips','2026-11-21 10:35:35','2026-11-21 10:35:35','',1);
INSERT INTO `standardattributes` VALUES (97,'ports','2026-11-21 10:35:35','2026-11-21 10:35:36','',2);
INSERT INTO `standardattributes` VALUES (98,'floatingips','2026-11-21 10:35:36','2026-11-21 10:35:36','',1);
INSERT INTO `standardattributes` VALUES (99,'ports','2026-11-21 10:35:36','2026-11-21 10:35:37','',2);
INSERT INTO `standardattributes` VALUES (100,'floatingips','2026-11-21 10:35:37','2026-11-21 10:35:38','',1);
INSERT INTO `standardattributes` VALUES (101,'ports','2026-11-21 10:35:38','2026-11-21 10:35:38','',2);
INSERT INTO `standardattributes` VALUES (102,'floatingips','2026-11-21 10:35:38','2026-11-21 10:35:39','',1);
INSERT INTO `standardattributes` VALUES (103,'ports','2026-11-21 10:35:39','2026-11-21 10:35:39','',2);
INSERT INTO `standardattributes` VALUES (104,'floatingips','2026-11-21 10:35:39','2026-11-21 10:35:41','',2);
INSERT INTO `standardattributes` VALUES (105,'portforwardings','2026-11-21 10:35:40','2026-11-21 10:35:40','',0);
INSERT INTO `standardattributes` VALUES (106,'ports','2026-11-21 10:35:41','2026-11-21 10:35:42','',2);
INSERT INTO `standardattributes` VALUES (107,'floatingips','2026-11-21 10:35:42','2026-11-21 10:35:42','',2);
INSERT INTO `standardattributes` VALUES (108,'portforwardings','2026-11-21 10:35:42','2026-11-21 10:35:42','',0);
INSERT INTO `standardattributes` VALUES (109,'securitygroups','2026-11-21 10:35:45','2026-11-21 10:35:45','Default security group',1);
INSERT INTO `standardattributes` VALUES (110,'securitygrouprules','2026-11-21 10:35:45','2026-11-21 10:35:45',NULL,0);
INSERT INTO `standardattributes` VALUES (111,'securitygrouprules','2026-11-21 10:35:45','2026-11-21 10:35:45',NULL,0);
INSERT INTO `standardattributes` VALUES (112,'securitygrouprules','2026-11-21 10:35:45','2026-11-21 10:35:45',NULL,0);
INSERT INTO `standardattributes` VALUES (113,'securitygrouprules','2026-11-21 10:35:45','2026-11-21 10:35:45',NULL,0);
CREATE TABLE `subnetroutes` (
  `destination` varchar(64) NOT NULL,
  `nexthop` varchar(64) NOT NULL,
  `subnet_id` varchar(36) NOT NULL,
  PRIMARY KEY (`destination`,`nexthop`,`subnet_id`),
  KEY `subnet_id` (`subnet_id`),
  CONSTRAINT `subnetroutes_ibfk_1` FOREIGN KEY (`subnet_id`) REFERENCES `subnets` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `subnets` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `network_id` varchar(36) NOT NULL,
  `ip_version` int(11) NOT NULL,
  `cidr` varchar(64) NOT NULL,
  `gateway_ip` varchar(64) DEFAULT NULL,
  `enable_dhcp` tinyint(1) DEFAULT NULL,
  `ipv6_ra_mode` enum('slaac','dhcpv6-stateful','dhcpv6-stateless') DEFAULT NULL,
  `ipv6_address_mode` enum('slaac','dhcpv6-stateful','dhcpv6-stateless') DEFAULT NULL,
  `subnetpool_id` varchar(36) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `segment_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_subnets0standard_attr_id` (`standard_attr_id`),
  KEY `network_id` (`network_id`),
  KEY `ix_subnets_subnetpool_id` (`subnetpool_id`),
  KEY `segment_id` (`segment_id`),
  KEY `ix_subnets_project_id` (`project_id`),
  CONSTRAINT `subnets_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`),
  CONSTRAINT `subnets_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE,
  CONSTRAINT `subnets_ibfk_3` FOREIGN KEY (`segment_id`) REFERENCES `networksegments` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','057827f3-68cb-4c84-99e7-cc03b6a1a0a9','vlan157-v4','f514f9fc-4194-4304-b514-a554da7bd81d',4,'10.150.0.0/24','10.150.0.1',0,NULL,NULL,NULL,18,NULL);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','12b4cae6-73f8-444d-8c57-4d4d41070a7c','flat1-v4','77083045-232d-4afb-9bb7-a787b786724e',4,'198.18.4.0/22','198.18.4.1',0,NULL,NULL,NULL,15,NULL);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','69ef4b49-b8ae-4bbc-82cb-ef17268a68a1','vlan160-v4','bf2770ad-cddc-4c0d-9c37-cb93723ff10f',4,'10.150.1.0/24','10.150.1.1',1,NULL,NULL,NULL,21,NULL);
INSERT INTO `subnets` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','9b78b661-ff72-4581-b308-4d29bc90ca5a','net0-v6-0','fef8b33a-1053-42f8-bba2-287801bf0f85',6,'2001:db8:1::/64','2001:db8:1::',1,'slaac','slaac',NULL,46,NULL);
INSERT INTO `subnets` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','b04fa40e-e782-484b-be04-790f9ad998f8','net2-v4','c5528d68-c930-4107-901c-f693197c5c7f',4,'10.1.2.0/24','10.1.2.1',1,NULL,NULL,NULL,37,NULL);
INSERT INTO `subnets` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','b5159820-2d31-4f2c-a292-fd805d6efd9e','net0-v4','fef8b33a-1053-42f8-bba2-287801bf0f85',4,'10.1.0.0/24','10.1.0.1',1,NULL,NULL,NULL,31,NULL);
INSERT INTO `subnets` VALUES ('cd613e30d8f16adf91b7584a2265b1f5','c9b4a28b-6fe9-461f-88dc-3ce2a6cba4eb','net3-v4','8408f6c5-054d-43b4-8e3f-b497d824b77a',4,'10.1.3.0/24','10.1.3.1',1,NULL,NULL,NULL,45,NULL);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','d206aca2-6632-4a8d-8710-0e13787f53cc','public-v4','a9ca06fc-08a8-4804-b398-f3c2b5533bf8',4,'198.18.0.0/22','198.18.0.1',0,NULL,NULL,NULL,12,NULL);
INSERT INTO `subnets` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','d20e7e04-4b76-4ed3-9c24-23564aa47701','net1-v4','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05',4,'10.1.1.0/24','10.1.1.1',1,NULL,NULL,NULL,34,NULL);
INSERT INTO `subnets` VALUES ('1e2feb89414c343c1027c4d1c386bbc4','eb9a5252-0e37-486e-8a05-e796c1ba9382','net1-v6-0','8e2ae9cd-08e5-4f47-be6d-6740b9e27a05',6,'2001:db8:2::/64','2001:db8:2::',1,'dhcpv6-stateless','dhcpv6-stateless',NULL,47,NULL);
CREATE TABLE `subports` (
  `port_id` varchar(36) NOT NULL,
  `trunk_id` varchar(36) NOT NULL,
  `segmentation_type` varchar(32) NOT NULL,
  `segmentation_id` int(11) NOT NULL,
  PRIMARY KEY (`port_id`),
  UNIQUE KEY `uniq_subport0trunk_id0segmentation_type0segmentation_id` (`trunk_id`,`segmentation_type`,`segmentation_id`),
  CONSTRAINT `subports_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `subports_ibfk_2` FOREIGN KEY (`trunk_id`) REFERENCES `trunks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
