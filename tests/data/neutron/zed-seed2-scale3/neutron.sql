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
INSERT INTO `alembic_version` VALUES ('5881373af7f5');
INSERT INTO `alembic_version` VALUES ('5c85685d616d');
CREATE TABLE `allowedaddresspairs` (
  `port_id` varchar(36) NOT NULL,
  `mac_address` varchar(32) NOT NULL,
  `ip_address` varchar(64) NOT NULL,
  PRIMARY KEY (`port_id`,`mac_address`,`ip_address`),
  CONSTRAINT `allowedaddresspairs_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `allowedaddresspairs` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b','fa:16:3f:3e:82:3e','10.1.5.128/28');
INSERT INTO `allowedaddresspairs` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b','fa:16:3f:fb:62:3b','10.1.5.200');
INSERT INTO `allowedaddresspairs` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','fa:16:3f:43:52:57','10.1.0.144/28');
INSERT INTO `allowedaddresspairs` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','fa:16:3f:ae:84:86','10.1.0.201');
INSERT INTO `allowedaddresspairs` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','fa:16:3f:02:4d:12','10.1.1.201');
CREATE TABLE `dnsnameservers` (
  `address` varchar(128) NOT NULL,
  `subnet_id` varchar(36) NOT NULL,
  `order` int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (`address`,`subnet_id`),
  KEY `subnet_id` (`subnet_id`),
  CONSTRAINT `dnsnameservers_ibfk_1` FOREIGN KEY (`subnet_id`) REFERENCES `subnets` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `dnsnameservers` VALUES ('192.0.2.53','07caba07-7289-4d5d-9ea3-a0cd593ec6f4',1);
INSERT INTO `dnsnameservers` VALUES ('192.0.2.53','5cbb08ef-439b-4fd1-b731-a115eaf806a5',1);
INSERT INTO `dnsnameservers` VALUES ('192.0.2.54','5cbb08ef-439b-4fd1-b731-a115eaf806a5',0);
INSERT INTO `dnsnameservers` VALUES ('198.51.100.53','07caba07-7289-4d5d-9ea3-a0cd593ec6f4',0);
CREATE TABLE `externalnetworks` (
  `network_id` varchar(36) NOT NULL,
  `is_default` tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`network_id`),
  CONSTRAINT `externalnetworks_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `externalnetworks` VALUES ('77479ee8-4cda-4306-930d-1b8b2e054ec7',0);
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
INSERT INTO `extradhcpopts` VALUES ('2015b6e7-6836-4318-be01-94d0ebe0a8af','0fd8b983-16c0-42ad-8541-368d6f47e84f','tftp-server','192.0.2.10',4);
INSERT INTO `extradhcpopts` VALUES ('6470fa16-2ba9-4ab8-a05f-802de149360b','356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','bootfile-name','pxelinux.0',4);
INSERT INTO `extradhcpopts` VALUES ('909acd66-6906-4090-95dd-44e9839a1c0e','f3baaf60-876a-4ca0-a2d8-40e52f960482','bootfile-name','pxelinux.0',4);
INSERT INTO `extradhcpopts` VALUES ('966a51c4-0c43-410c-b17a-bbeb5426e7cf','f3baaf60-876a-4ca0-a2d8-40e52f960482','tftp-server','192.0.2.10',4);
INSERT INTO `extradhcpopts` VALUES ('bde36d7e-c2d0-4a19-a613-d523e4aa8710','0fd8b983-16c0-42ad-8541-368d6f47e84f','bootfile-name','pxelinux.0',4);
INSERT INTO `extradhcpopts` VALUES ('e62425f0-1272-421c-a4cb-ebc23af8078a','356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','tftp-server','192.0.2.10',4);
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
INSERT INTO `floatingips` VALUES ('5c6e433715ba2bdd177219d30e7a269f','106356cd-f5bc-4b96-aa6d-b2c5a114a7c1','198.18.2.192','77479ee8-4cda-4306-930d-1b8b2e054ec7','445dd51d-1f5d-4792-abc0-51dc2f448c10',NULL,NULL,NULL,NULL,'DOWN',134);
INSERT INTO `floatingips` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','4d032e60-7c1f-4907-a1ce-eb59b7df606d','198.18.1.125','77479ee8-4cda-4306-930d-1b8b2e054ec7','40504415-a719-4639-8afb-d48d2df72ed3',NULL,NULL,'9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e',NULL,'ACTIVE',149);
INSERT INTO `floatingips` VALUES ('cf1822ffbc6887782b491044d5e34124','7168df5b-bad2-4b10-9494-a1ce7ab335ad','198.18.0.101','77479ee8-4cda-4306-930d-1b8b2e054ec7','238f60a1-f05c-4457-9695-ab447b2df92c',NULL,NULL,NULL,NULL,'DOWN',138);
INSERT INTO `floatingips` VALUES ('5c6e433715ba2bdd177219d30e7a269f','800c8e0d-08c4-45fb-b75d-cbabec432293','198.18.0.10','77479ee8-4cda-4306-930d-1b8b2e054ec7','a47c7a20-acf5-491f-8402-c3fd7a201057','cc592aea-e9a2-4e26-a124-c1d61e0688fa','10.1.5.11','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9',NULL,'ACTIVE',140);
INSERT INTO `floatingips` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','a75f7e39-fdb5-466d-9cc2-30a4892812a9','198.18.3.96','77479ee8-4cda-4306-930d-1b8b2e054ec7','8ec0dc13-32ce-4f2c-be94-fafdcdefd2fd',NULL,NULL,'9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e',NULL,'ACTIVE',146);
INSERT INTO `floatingips` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','bcf1c7c4-9d8f-48a4-b77e-7e7898a0f5ec','198.18.0.69','77479ee8-4cda-4306-930d-1b8b2e054ec7','fed7777c-51ad-47c3-9ab1-1440ddbb6269','a1800d71-1735-4955-a007-f0278a377cb8','10.1.3.11','9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e',NULL,'ACTIVE',142);
INSERT INTO `floatingips` VALUES ('5c6e433715ba2bdd177219d30e7a269f','c849d88b-8867-4836-90ba-5adf364099a3','198.18.2.0','77479ee8-4cda-4306-930d-1b8b2e054ec7','99c10153-908a-4658-be17-e1431caa47ee','ee25fa6c-4b2c-45a4-8f19-f270317b2ee8','10.1.4.11','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9',NULL,'ACTIVE',144);
INSERT INTO `floatingips` VALUES ('5c6e433715ba2bdd177219d30e7a269f','fdcc835e-671f-4fba-bdd9-c467d72e7322','198.18.3.38','77479ee8-4cda-4306-930d-1b8b2e054ec7','48fa93dc-51d7-4cf0-9de6-501787d0ff62','081ed692-a485-40ab-8f78-a0b5c08fe58b','10.1.5.10','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9',NULL,'ACTIVE',136);
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
INSERT INTO `ipallocations` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b','10.1.5.10','5cbb08ef-439b-4fd1-b731-a115eaf806a5','80d25274-5c48-4f13-b5c7-46403436031d');
INSERT INTO `ipallocations` VALUES ('0d22d298-5f7f-4c28-b624-1d9a25b03974','198.18.2.72','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('0fd8b983-16c0-42ad-8541-368d6f47e84f','10.1.2.10','40d99c14-6be6-43bc-be62-7096264509d6','b2948fa1-cef3-41e5-b612-cedd937a3ff1');
INSERT INTO `ipallocations` VALUES ('0fd8b983-16c0-42ad-8541-368d6f47e84f','2001:db8:3:0:f816:3fff:fe0c:ede8','6a724f3d-0912-48d2-a7df-c5679bf44be9','b2948fa1-cef3-41e5-b612-cedd937a3ff1');
INSERT INTO `ipallocations` VALUES ('13c41e2e-4b28-4b81-84a3-e9215bc03eb6','10.200.1.10','a04da7bc-abce-4db7-baec-f04e6da50d83','7747c172-4847-45d3-b1a0-fc5bf7c90e9a');
INSERT INTO `ipallocations` VALUES ('238f60a1-f05c-4457-9695-ab447b2df92c','198.18.0.101','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','10.1.1.10','b5ad0317-1aa0-46a7-aaf6-61164a67cebb','542f1a34-2c90-418f-b438-a897e1b87e01');
INSERT INTO `ipallocations` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','2001:db8:2::10','9d05b902-2b9b-4123-85e0-e66adc756ef9','542f1a34-2c90-418f-b438-a897e1b87e01');
INSERT INTO `ipallocations` VALUES ('40504415-a719-4639-8afb-d48d2df72ed3','198.18.1.125','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('4330caf4-0e22-4623-898b-6e1fdff3cec4','10.1.2.11','40d99c14-6be6-43bc-be62-7096264509d6','b2948fa1-cef3-41e5-b612-cedd937a3ff1');
INSERT INTO `ipallocations` VALUES ('4330caf4-0e22-4623-898b-6e1fdff3cec4','2001:db8:3:0:f816:3fff:fede:d90a','6a724f3d-0912-48d2-a7df-c5679bf44be9','b2948fa1-cef3-41e5-b612-cedd937a3ff1');
INSERT INTO `ipallocations` VALUES ('443bd49e-941b-4198-bb0e-807c77d5a8f2','10.200.2.10','267e5f2e-454b-4d73-8af2-82a0c10fa1af','155f3deb-febd-4d28-b458-4df1d0c8cc83');
INSERT INTO `ipallocations` VALUES ('445dd51d-1f5d-4792-abc0-51dc2f448c10','198.18.2.192','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('48fa93dc-51d7-4cf0-9de6-501787d0ff62','198.18.3.38','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('4d0aebad-23ae-46c0-b127-2befff27934d','198.18.1.114','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('51f2241d-3f1f-4350-8143-8f6d5e051e64','198.18.2.189','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('59993bc1-8987-4f54-b4c7-d28741668d5b','10.1.1.1','b5ad0317-1aa0-46a7-aaf6-61164a67cebb','542f1a34-2c90-418f-b438-a897e1b87e01');
INSERT INTO `ipallocations` VALUES ('62d528b7-181f-486c-b02f-5b2aeaf1918b','10.150.2.10','dcaaba25-c5fa-448c-a958-563984e3e7af','3fbee5b2-e866-45fa-921a-fe5a9a1d151b');
INSERT INTO `ipallocations` VALUES ('662985eb-765e-49a2-af65-fffae76ff751','10.1.4.1','3f3c8958-220b-4f0c-93c0-04858e14ec70','025d221f-a284-4040-b84a-1ef156c1ee1b');
INSERT INTO `ipallocations` VALUES ('6b723bad-b415-4a0f-951d-52ed869b5b9d','10.150.0.10','a2a92581-54a6-4010-bb36-c489a31451e0','c347fdb5-6a60-4c85-bd46-c3868e970c6b');
INSERT INTO `ipallocations` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','10.1.0.11','2a13cc60-9d77-435b-9283-b4499c4d2a6d','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','2001:db8:1:0:f816:3fff:feae:8486','ab3240d2-f5d9-4edb-8f73-4947154c586a','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('6f42c345-fa42-4cd6-9beb-6951ce800d27','2001:db8:1::','ab3240d2-f5d9-4edb-8f73-4947154c586a','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('80f52879-a176-4828-93ef-701f89e6b1a0','10.1.0.1','2a13cc60-9d77-435b-9283-b4499c4d2a6d','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('885c8622-003c-47da-a3cb-4c39fc991fb5','198.18.0.24','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('8ec0dc13-32ce-4f2c-be94-fafdcdefd2fd','198.18.3.96','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('8f96c1d6-819c-43eb-9528-ad576e286ccf','10.150.1.10','03f17a23-daee-413b-bace-c827179399a1','10ff6477-7e1d-4562-8c59-d06ae1bdf222');
INSERT INTO `ipallocations` VALUES ('99c10153-908a-4658-be17-e1431caa47ee','198.18.2.0','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('9c1a913f-7cb9-42b6-b053-d4430baaf278','10.1.0.10','2a13cc60-9d77-435b-9283-b4499c4d2a6d','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('9c1a913f-7cb9-42b6-b053-d4430baaf278','2001:db8:1:0:f816:3fff:fea1:340c','ab3240d2-f5d9-4edb-8f73-4947154c586a','ad8f4660-c405-496e-a4d6-91349e441f4b');
INSERT INTO `ipallocations` VALUES ('a1800d71-1735-4955-a007-f0278a377cb8','10.1.3.11','07caba07-7289-4d5d-9ea3-a0cd593ec6f4','a766bdbe-ed26-4055-bc2b-25d57f338d24');
INSERT INTO `ipallocations` VALUES ('a47c7a20-acf5-491f-8402-c3fd7a201057','198.18.0.10','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
INSERT INTO `ipallocations` VALUES ('cc592aea-e9a2-4e26-a124-c1d61e0688fa','10.1.5.11','5cbb08ef-439b-4fd1-b731-a115eaf806a5','80d25274-5c48-4f13-b5c7-46403436031d');
INSERT INTO `ipallocations` VALUES ('cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','10.1.5.1','5cbb08ef-439b-4fd1-b731-a115eaf806a5','80d25274-5c48-4f13-b5c7-46403436031d');
INSERT INTO `ipallocations` VALUES ('d583b4c6-f15f-4ff3-9210-6ef83ac830e7','10.1.3.1','07caba07-7289-4d5d-9ea3-a0cd593ec6f4','a766bdbe-ed26-4055-bc2b-25d57f338d24');
INSERT INTO `ipallocations` VALUES ('d6cc0b50-4102-406c-ab9e-80162cab37d0','10.1.2.1','40d99c14-6be6-43bc-be62-7096264509d6','b2948fa1-cef3-41e5-b612-cedd937a3ff1');
INSERT INTO `ipallocations` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','10.1.1.11','b5ad0317-1aa0-46a7-aaf6-61164a67cebb','542f1a34-2c90-418f-b438-a897e1b87e01');
INSERT INTO `ipallocations` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','2001:db8:2::11','9d05b902-2b9b-4123-85e0-e66adc756ef9','542f1a34-2c90-418f-b438-a897e1b87e01');
INSERT INTO `ipallocations` VALUES ('e5f574d7-c173-4284-a21d-22dbecb52893','10.1.3.10','07caba07-7289-4d5d-9ea3-a0cd593ec6f4','a766bdbe-ed26-4055-bc2b-25d57f338d24');
INSERT INTO `ipallocations` VALUES ('ee25fa6c-4b2c-45a4-8f19-f270317b2ee8','10.1.4.11','3f3c8958-220b-4f0c-93c0-04858e14ec70','025d221f-a284-4040-b84a-1ef156c1ee1b');
INSERT INTO `ipallocations` VALUES ('f3baaf60-876a-4ca0-a2d8-40e52f960482','10.1.4.10','3f3c8958-220b-4f0c-93c0-04858e14ec70','025d221f-a284-4040-b84a-1ef156c1ee1b');
INSERT INTO `ipallocations` VALUES ('fed7777c-51ad-47c3-9ab1-1440ddbb6269','198.18.0.69','ddc7d124-1494-4b27-8a2d-124a1644e51e','77479ee8-4cda-4306-930d-1b8b2e054ec7');
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
INSERT INTO `ml2_port_bindings` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('0d22d298-5f7f-4c28-b624-1d9a25b03974','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('0fd8b983-16c0-42ad-8541-368d6f47e84f','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('13c41e2e-4b28-4b81-84a3-e9215bc03eb6','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('238f60a1-f05c-4457-9695-ab447b2df92c','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('40504415-a719-4639-8afb-d48d2df72ed3','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('4330caf4-0e22-4623-898b-6e1fdff3cec4','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('443bd49e-941b-4198-bb0e-807c77d5a8f2','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('445dd51d-1f5d-4792-abc0-51dc2f448c10','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('48fa93dc-51d7-4cf0-9de6-501787d0ff62','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('4d0aebad-23ae-46c0-b127-2befff27934d','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('51f2241d-3f1f-4350-8143-8f6d5e051e64','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('59993bc1-8987-4f54-b4c7-d28741668d5b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('62d528b7-181f-486c-b02f-5b2aeaf1918b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('662985eb-765e-49a2-af65-fffae76ff751','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('6b723bad-b415-4a0f-951d-52ed869b5b9d','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('6f42c345-fa42-4cd6-9beb-6951ce800d27','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('80f52879-a176-4828-93ef-701f89e6b1a0','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('885c8622-003c-47da-a3cb-4c39fc991fb5','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('8ec0dc13-32ce-4f2c-be94-fafdcdefd2fd','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('8f96c1d6-819c-43eb-9528-ad576e286ccf','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('99c10153-908a-4658-be17-e1431caa47ee','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('9c1a913f-7cb9-42b6-b053-d4430baaf278','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('a1800d71-1735-4955-a007-f0278a377cb8','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('a47c7a20-acf5-491f-8402-c3fd7a201057','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('cc592aea-e9a2-4e26-a124-c1d61e0688fa','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('d583b4c6-f15f-4ff3-9210-6ef83ac830e7','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('d6cc0b50-4102-406c-ab9e-80162cab37d0','','unbound','normal','','','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('e5f574d7-c173-4284-a21d-22dbecb52893','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('ee25fa6c-4b2c-45a4-8f19-f270317b2ee8','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('f3baaf60-876a-4ca0-a2d8-40e52f960482','compute1','ovs','normal','','{\"port_filter\": true, \"connectivity\": \"l2\"}','ACTIVE');
INSERT INTO `ml2_port_bindings` VALUES ('fed7777c-51ad-47c3-9ab1-1440ddbb6269','','unbound','normal','','','ACTIVE');
CREATE TABLE `networks` (
  `project_id` varchar(255) DEFAULT NULL,
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `status` varchar(16) DEFAULT NULL,
  `admin_state_up` tinyint(1) DEFAULT NULL,
  `vlan_transparent` tinyint(1) DEFAULT NULL,
  `standard_attr_id` bigint(20) NOT NULL,
  `availability_zone_hints` varchar(255) DEFAULT NULL,
  `mtu` int(11) NOT NULL DEFAULT 1500,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uniq_networks0standard_attr_id` (`standard_attr_id`),
  KEY `ix_networks_project_id` (`project_id`),
  CONSTRAINT `networks_ibfk_1` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networks` VALUES ('5c6e433715ba2bdd177219d30e7a269f','025d221f-a284-4040-b84a-1ef156c1ee1b','net4','ACTIVE',1,NULL,54,NULL,1442);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','10ff6477-7e1d-4562-8c59-d06ae1bdf222','vlan155','ACTIVE',1,NULL,18,NULL,1500);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','155f3deb-febd-4d28-b458-4df1d0c8cc83','flat2','ACTIVE',1,NULL,12,NULL,1500);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','3fbee5b2-e866-45fa-921a-fe5a9a1d151b','vlan181','ACTIVE',1,NULL,21,NULL,1500);
INSERT INTO `networks` VALUES ('5c6e433715ba2bdd177219d30e7a269f','542f1a34-2c90-418f-b438-a897e1b87e01','net1','ACTIVE',1,NULL,40,NULL,1442);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','77479ee8-4cda-4306-930d-1b8b2e054ec7','public','ACTIVE',1,NULL,6,NULL,1500);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','7747c172-4847-45d3-b1a0-fc5bf7c90e9a','flat1','ACTIVE',1,NULL,9,NULL,1500);
INSERT INTO `networks` VALUES ('5c6e433715ba2bdd177219d30e7a269f','80d25274-5c48-4f13-b5c7-46403436031d','net5','ACTIVE',1,NULL,57,NULL,1442);
INSERT INTO `networks` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','a766bdbe-ed26-4055-bc2b-25d57f338d24','net3','ACTIVE',1,NULL,51,NULL,1442);
INSERT INTO `networks` VALUES ('cf1822ffbc6887782b491044d5e34124','ad8f4660-c405-496e-a4d6-91349e441f4b','net0','ACTIVE',1,NULL,32,NULL,1442);
INSERT INTO `networks` VALUES ('cf1822ffbc6887782b491044d5e34124','b2948fa1-cef3-41e5-b612-cedd937a3ff1','net2','ACTIVE',1,NULL,43,NULL,1442);
INSERT INTO `networks` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','c347fdb5-6a60-4c85-bd46-c3868e970c6b','vlan150','ACTIVE',1,NULL,15,NULL,1500);
CREATE TABLE `networksecuritybindings` (
  `network_id` varchar(36) NOT NULL,
  `port_security_enabled` tinyint(1) NOT NULL,
  PRIMARY KEY (`network_id`),
  CONSTRAINT `networksecuritybindings_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networksecuritybindings` VALUES ('025d221f-a284-4040-b84a-1ef156c1ee1b',1);
INSERT INTO `networksecuritybindings` VALUES ('10ff6477-7e1d-4562-8c59-d06ae1bdf222',1);
INSERT INTO `networksecuritybindings` VALUES ('155f3deb-febd-4d28-b458-4df1d0c8cc83',1);
INSERT INTO `networksecuritybindings` VALUES ('3fbee5b2-e866-45fa-921a-fe5a9a1d151b',1);
INSERT INTO `networksecuritybindings` VALUES ('542f1a34-2c90-418f-b438-a897e1b87e01',1);
INSERT INTO `networksecuritybindings` VALUES ('77479ee8-4cda-4306-930d-1b8b2e054ec7',1);
INSERT INTO `networksecuritybindings` VALUES ('7747c172-4847-45d3-b1a0-fc5bf7c90e9a',1);
INSERT INTO `networksecuritybindings` VALUES ('80d25274-5c48-4f13-b5c7-46403436031d',1);
INSERT INTO `networksecuritybindings` VALUES ('a766bdbe-ed26-4055-bc2b-25d57f338d24',1);
INSERT INTO `networksecuritybindings` VALUES ('ad8f4660-c405-496e-a4d6-91349e441f4b',1);
INSERT INTO `networksecuritybindings` VALUES ('b2948fa1-cef3-41e5-b612-cedd937a3ff1',1);
INSERT INTO `networksecuritybindings` VALUES ('c347fdb5-6a60-4c85-bd46-c3868e970c6b',1);
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
  UNIQUE KEY `uniq_networksegment0network_id0network_type0physical_network` (`network_id`,`network_type`,`physical_network`),
  CONSTRAINT `networksegments_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `networksegments_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `networksegments` VALUES ('0a0d8585-d680-4c22-bfb8-a9845381489e','ad8f4660-c405-496e-a4d6-91349e441f4b','geneve',NULL,362,0,0,33,NULL);
INSERT INTO `networksegments` VALUES ('25a70b2e-6a1a-460e-b179-5a7170b71997','a766bdbe-ed26-4055-bc2b-25d57f338d24','geneve',NULL,279,0,0,52,NULL);
INSERT INTO `networksegments` VALUES ('2f3f64e3-a023-4ae5-8ba2-801b37bfb4bc','155f3deb-febd-4d28-b458-4df1d0c8cc83','flat','physnet-f2',NULL,0,0,13,NULL);
INSERT INTO `networksegments` VALUES ('304b85c7-5b8f-460a-af38-b5e3d0e80de1','b2948fa1-cef3-41e5-b612-cedd937a3ff1','geneve',NULL,515,0,0,44,NULL);
INSERT INTO `networksegments` VALUES ('4cbfd5fa-1285-4ed2-9f11-587133594a74','025d221f-a284-4040-b84a-1ef156c1ee1b','geneve',NULL,463,0,0,55,NULL);
INSERT INTO `networksegments` VALUES ('67ba47f5-bb30-409e-bbaa-e8101325c22b','3fbee5b2-e866-45fa-921a-fe5a9a1d151b','vlan','physnet1',181,0,0,22,NULL);
INSERT INTO `networksegments` VALUES ('74d4ce20-1e1e-4b48-92d8-0423053e5be1','10ff6477-7e1d-4562-8c59-d06ae1bdf222','vlan','physnet1',155,0,0,19,NULL);
INSERT INTO `networksegments` VALUES ('9b17b8f8-477b-471d-a381-9cc49900c9ac','80d25274-5c48-4f13-b5c7-46403436031d','geneve',NULL,31,0,0,58,NULL);
INSERT INTO `networksegments` VALUES ('ba90152f-e3c8-4cff-873d-b3cf4bbf0323','77479ee8-4cda-4306-930d-1b8b2e054ec7','flat','physnet-ext',NULL,0,0,7,NULL);
INSERT INTO `networksegments` VALUES ('c08f67a8-402f-4df4-81f4-d2936e82435b','c347fdb5-6a60-4c85-bd46-c3868e970c6b','vlan','physnet1',150,0,0,16,NULL);
INSERT INTO `networksegments` VALUES ('dfd48f90-9beb-4599-bb88-de7aae169272','7747c172-4847-45d3-b1a0-fc5bf7c90e9a','flat','physnet-f1',NULL,0,0,10,NULL);
INSERT INTO `networksegments` VALUES ('e961854d-6677-417f-994b-e461e0aaf453','542f1a34-2c90-418f-b438-a897e1b87e01','geneve',NULL,543,0,0,41,NULL);
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
INSERT INTO `ovn_revision_numbers` VALUES (82,'00e6f09a-437d-4f5d-aa9e-c5d3aa4d934e','security_group_rules',0,'2026-11-21 10:24:10','2026-11-21 10:24:10');
INSERT INTO `ovn_revision_numbers` VALUES (54,'025d221f-a284-4040-b84a-1ef156c1ee1b','networks',1,'2026-11-21 10:24:07','2026-11-21 10:24:07');
INSERT INTO `ovn_revision_numbers` VALUES (20,'03f17a23-daee-413b-bace-c827179399a1','subnets',0,'2026-11-21 10:24:03','2026-11-21 10:24:03');
INSERT INTO `ovn_revision_numbers` VALUES (53,'07caba07-7289-4d5d-9ea3-a0cd593ec6f4','subnets',0,'2026-11-21 10:24:07','2026-11-21 10:24:07');
INSERT INTO `ovn_revision_numbers` VALUES (109,'081ed692-a485-40ab-8f78-a0b5c08fe58b','ports',3,'2026-11-21 10:24:19','2026-11-21 10:24:21');
INSERT INTO `ovn_revision_numbers` VALUES (125,'0d22d298-5f7f-4c28-b624-1d9a25b03974','ports',1,'2026-11-21 10:24:25','2026-11-21 10:24:25');
INSERT INTO `ovn_revision_numbers` VALUES (125,'0d22d298-5f7f-4c28-b624-1d9a25b03974','router_ports',1,'2026-11-21 10:24:25','2026-11-21 10:24:25');
INSERT INTO `ovn_revision_numbers` VALUES (103,'0fd8b983-16c0-42ad-8541-368d6f47e84f','ports',1,'2026-11-21 10:24:16','2026-11-21 10:24:16');
INSERT INTO `ovn_revision_numbers` VALUES (134,'106356cd-f5bc-4b96-aa6d-b2c5a114a7c1','floatingips',1,'2026-11-21 10:24:40','2026-11-21 10:24:40');
INSERT INTO `ovn_revision_numbers` VALUES (18,'10ff6477-7e1d-4562-8c59-d06ae1bdf222','networks',1,'2026-11-21 10:24:02','2026-11-21 10:24:02');
INSERT INTO `ovn_revision_numbers` VALUES (124,'11561b01-a4d7-4443-9c51-3a23242a2b6a','routers',2,'2026-11-21 10:24:24','2026-11-21 10:24:25');
INSERT INTO `ovn_revision_numbers` VALUES (111,'13c41e2e-4b28-4b81-84a3-e9215bc03eb6','ports',1,'2026-11-21 10:24:19','2026-11-21 10:24:19');
INSERT INTO `ovn_revision_numbers` VALUES (88,'14fda34b-d7e4-4388-afee-49daf1038155','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:11');
INSERT INTO `ovn_revision_numbers` VALUES (12,'155f3deb-febd-4d28-b458-4df1d0c8cc83','networks',1,'2026-11-21 10:24:01','2026-11-21 10:24:01');
INSERT INTO `ovn_revision_numbers` VALUES (14,'267e5f2e-454b-4d73-8af2-82a0c10fa1af','subnets',0,'2026-11-21 10:24:02','2026-11-21 10:24:02');
INSERT INTO `ovn_revision_numbers` VALUES (34,'2a13cc60-9d77-435b-9283-b4499c4d2a6d','subnets',0,'2026-11-21 10:24:05','2026-11-21 10:24:05');
INSERT INTO `ovn_revision_numbers` VALUES (101,'356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','ports',1,'2026-11-21 10:24:15','2026-11-21 10:24:15');
INSERT INTO `ovn_revision_numbers` VALUES (118,'3d788513-8d8e-4b9e-a4bb-1bc0447b8765','routers',0,'2026-11-21 10:24:22','2026-11-21 10:24:22');
INSERT INTO `ovn_revision_numbers` VALUES (56,'3f3c8958-220b-4f0c-93c0-04858e14ec70','subnets',0,'2026-11-21 10:24:07','2026-11-21 10:24:07');
INSERT INTO `ovn_revision_numbers` VALUES (21,'3fbee5b2-e866-45fa-921a-fe5a9a1d151b','networks',1,'2026-11-21 10:24:03','2026-11-21 10:24:03');
INSERT INTO `ovn_revision_numbers` VALUES (45,'40d99c14-6be6-43bc-be62-7096264509d6','subnets',0,'2026-11-21 10:24:06','2026-11-21 10:24:06');
INSERT INTO `ovn_revision_numbers` VALUES (104,'4330caf4-0e22-4623-898b-6e1fdff3cec4','ports',1,'2026-11-21 10:24:17','2026-11-21 10:24:17');
INSERT INTO `ovn_revision_numbers` VALUES (112,'443bd49e-941b-4198-bb0e-807c77d5a8f2','ports',1,'2026-11-21 10:24:20','2026-11-21 10:24:20');
INSERT INTO `ovn_revision_numbers` VALUES (98,'48772097-1237-4fac-845b-d5ef632f6184','security_group_rules',0,'2026-11-21 10:24:13','2026-11-21 10:24:13');
INSERT INTO `ovn_revision_numbers` VALUES (149,'4d032e60-7c1f-4907-a1ce-eb59b7df606d','floatingips',4,'2026-11-21 10:24:51','2026-11-21 10:24:53');
INSERT INTO `ovn_revision_numbers` VALUES (121,'4d0aebad-23ae-46c0-b127-2befff27934d','ports',1,'2026-11-21 10:24:23','2026-11-21 10:24:23');
INSERT INTO `ovn_revision_numbers` VALUES (121,'4d0aebad-23ae-46c0-b127-2befff27934d','router_ports',1,'2026-11-21 10:24:23','2026-11-21 10:24:23');
INSERT INTO `ovn_revision_numbers` VALUES (27,'50a047fb-b419-4786-9fcc-92781286e0e4','security_groups',1,'2026-11-21 10:24:04','2026-11-21 10:24:04');
INSERT INTO `ovn_revision_numbers` VALUES (116,'513f6dfb-e868-4e7a-94f1-5fa804e21d53','routers',2,'2026-11-21 10:24:21','2026-11-21 10:24:22');
INSERT INTO `ovn_revision_numbers` VALUES (117,'51f2241d-3f1f-4350-8143-8f6d5e051e64','ports',1,'2026-11-21 10:24:22','2026-11-21 10:24:22');
INSERT INTO `ovn_revision_numbers` VALUES (117,'51f2241d-3f1f-4350-8143-8f6d5e051e64','router_ports',1,'2026-11-21 10:24:22','2026-11-21 10:24:22');
INSERT INTO `ovn_revision_numbers` VALUES (40,'542f1a34-2c90-418f-b438-a897e1b87e01','networks',1,'2026-11-21 10:24:05','2026-11-21 10:24:05');
INSERT INTO `ovn_revision_numbers` VALUES (128,'59993bc1-8987-4f54-b4c7-d28741668d5b','ports',3,'2026-11-21 10:24:28','2026-11-21 10:24:29');
INSERT INTO `ovn_revision_numbers` VALUES (128,'59993bc1-8987-4f54-b4c7-d28741668d5b','router_ports',3,'2026-11-21 10:24:28','2026-11-21 10:24:29');
INSERT INTO `ovn_revision_numbers` VALUES (63,'59c73a45-c968-4e3a-9269-4fd3b218f9b0','security_groups',1,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (86,'5a5c0e99-9e08-487a-aa87-3c919462b5e5','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:11');
INSERT INTO `ovn_revision_numbers` VALUES (89,'5bc89f90-3a64-407c-8e4a-39b343618a24','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:11');
INSERT INTO `ovn_revision_numbers` VALUES (59,'5cbb08ef-439b-4fd1-b731-a115eaf806a5','subnets',0,'2026-11-21 10:24:08','2026-11-21 10:24:08');
INSERT INTO `ovn_revision_numbers` VALUES (115,'62d528b7-181f-486c-b02f-5b2aeaf1918b','ports',1,'2026-11-21 10:24:20','2026-11-21 10:24:20');
INSERT INTO `ovn_revision_numbers` VALUES (81,'630f56e2-3997-4ab0-b75a-0a61ad093585','security_group_rules',0,'2026-11-21 10:24:10','2026-11-21 10:24:10');
INSERT INTO `ovn_revision_numbers` VALUES (131,'662985eb-765e-49a2-af65-fffae76ff751','ports',2,'2026-11-21 10:24:34','2026-11-21 10:24:35');
INSERT INTO `ovn_revision_numbers` VALUES (131,'662985eb-765e-49a2-af65-fffae76ff751','router_ports',2,'2026-11-21 10:24:34','2026-11-21 10:24:35');
INSERT INTO `ovn_revision_numbers` VALUES (62,'6a724f3d-0912-48d2-a7df-c5679bf44be9','subnets',0,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (113,'6b723bad-b415-4a0f-951d-52ed869b5b9d','ports',1,'2026-11-21 10:24:20','2026-11-21 10:24:20');
INSERT INTO `ovn_revision_numbers` VALUES (46,'6d43e5f7-a22d-4ea5-8d66-e2f103be9956','security_groups',1,'2026-11-21 10:24:06','2026-11-21 10:24:06');
INSERT INTO `ovn_revision_numbers` VALUES (100,'6f1bd280-ad04-4ef4-9907-a53cbdebe76e','ports',3,'2026-11-21 10:24:14','2026-11-21 10:24:21');
INSERT INTO `ovn_revision_numbers` VALUES (127,'6f42c345-fa42-4cd6-9beb-6951ce800d27','ports',3,'2026-11-21 10:24:27','2026-11-21 10:24:56');
INSERT INTO `ovn_revision_numbers` VALUES (127,'6f42c345-fa42-4cd6-9beb-6951ce800d27','router_ports',3,'2026-11-21 10:24:27','2026-11-21 10:24:56');
INSERT INTO `ovn_revision_numbers` VALUES (138,'7168df5b-bad2-4b10-9494-a1ce7ab335ad','floatingips',0,'2026-11-21 10:24:43','2026-11-21 10:24:43');
INSERT INTO `ovn_revision_numbers` VALUES (120,'741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','routers',2,'2026-11-21 10:24:23','2026-11-21 10:24:23');
INSERT INTO `ovn_revision_numbers` VALUES (6,'77479ee8-4cda-4306-930d-1b8b2e054ec7','networks',1,'2026-11-21 10:24:00','2026-11-21 10:24:00');
INSERT INTO `ovn_revision_numbers` VALUES (9,'7747c172-4847-45d3-b1a0-fc5bf7c90e9a','networks',1,'2026-11-21 10:24:01','2026-11-21 10:24:01');
INSERT INTO `ovn_revision_numbers` VALUES (96,'7e48c74b-1884-425d-8d0e-381b4dde50be','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (140,'800c8e0d-08c4-45fb-b75d-cbabec432293','floatingips',1,'2026-11-21 10:24:44','2026-11-21 10:24:45');
INSERT INTO `ovn_revision_numbers` VALUES (95,'80ab5a10-09ce-462a-9754-80125040ca42','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (57,'80d25274-5c48-4f13-b5c7-46403436031d','networks',1,'2026-11-21 10:24:07','2026-11-21 10:24:07');
INSERT INTO `ovn_revision_numbers` VALUES (126,'80f52879-a176-4828-93ef-701f89e6b1a0','ports',3,'2026-11-21 10:24:26','2026-11-21 10:24:50');
INSERT INTO `ovn_revision_numbers` VALUES (126,'80f52879-a176-4828-93ef-701f89e6b1a0','router_ports',3,'2026-11-21 10:24:26','2026-11-21 10:24:50');
INSERT INTO `ovn_revision_numbers` VALUES (123,'885c8622-003c-47da-a3cb-4c39fc991fb5','ports',1,'2026-11-21 10:24:24','2026-11-21 10:24:24');
INSERT INTO `ovn_revision_numbers` VALUES (123,'885c8622-003c-47da-a3cb-4c39fc991fb5','router_ports',1,'2026-11-21 10:24:24','2026-11-21 10:24:24');
INSERT INTO `ovn_revision_numbers` VALUES (114,'8f96c1d6-819c-43eb-9528-ad576e286ccf','ports',1,'2026-11-21 10:24:20','2026-11-21 10:24:20');
INSERT INTO `ovn_revision_numbers` VALUES (119,'963705ff-c468-4ad6-a59b-7345723f26dc','routers',2,'2026-11-21 10:24:22','2026-11-21 10:24:38');
INSERT INTO `ovn_revision_numbers` VALUES (87,'9a342853-2041-4b66-a5a1-3d831482c3bb','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:11');
INSERT INTO `ovn_revision_numbers` VALUES (72,'9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18','security_groups',1,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (69,'9b1a5276-21f8-4a56-92c5-fa8977b720ab','security_groups',1,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (99,'9c1a913f-7cb9-42b6-b053-d4430baaf278','ports',1,'2026-11-21 10:24:13','2026-11-21 10:24:14');
INSERT INTO `ovn_revision_numbers` VALUES (61,'9d05b902-2b9b-4123-85e0-e66adc756ef9','subnets',0,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (122,'9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','routers',4,'2026-11-21 10:24:23','2026-11-21 10:24:39');
INSERT INTO `ovn_revision_numbers` VALUES (11,'a04da7bc-abce-4db7-baec-f04e6da50d83','subnets',0,'2026-11-21 10:24:01','2026-11-21 10:24:01');
INSERT INTO `ovn_revision_numbers` VALUES (106,'a1800d71-1735-4955-a007-f0278a377cb8','ports',1,'2026-11-21 10:24:18','2026-11-21 10:24:18');
INSERT INTO `ovn_revision_numbers` VALUES (17,'a2a92581-54a6-4010-bb36-c489a31451e0','subnets',0,'2026-11-21 10:24:02','2026-11-21 10:24:02');
INSERT INTO `ovn_revision_numbers` VALUES (35,'a610ade7-68c1-48e5-a114-59b9bdfd2253','security_groups',1,'2026-11-21 10:24:05','2026-11-21 10:24:05');
INSERT INTO `ovn_revision_numbers` VALUES (146,'a75f7e39-fdb5-466d-9cc2-30a4892812a9','floatingips',2,'2026-11-21 10:24:49','2026-11-21 10:24:51');
INSERT INTO `ovn_revision_numbers` VALUES (51,'a766bdbe-ed26-4055-bc2b-25d57f338d24','networks',1,'2026-11-21 10:24:06','2026-11-21 10:24:06');
INSERT INTO `ovn_revision_numbers` VALUES (60,'ab3240d2-f5d9-4edb-8f73-4947154c586a','subnets',0,'2026-11-21 10:24:08','2026-11-21 10:24:08');
INSERT INTO `ovn_revision_numbers` VALUES (66,'ac64aa66-5c9f-4a4e-a8af-cc73e82c5568','security_groups',1,'2026-11-21 10:24:09','2026-11-21 10:24:09');
INSERT INTO `ovn_revision_numbers` VALUES (32,'ad8f4660-c405-496e-a4d6-91349e441f4b','networks',1,'2026-11-21 10:24:05','2026-11-21 10:24:05');
INSERT INTO `ovn_revision_numbers` VALUES (152,'b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','security_groups',1,'2026-11-21 10:24:56','2026-11-21 10:24:56');
INSERT INTO `ovn_revision_numbers` VALUES (43,'b2948fa1-cef3-41e5-b612-cedd937a3ff1','networks',1,'2026-11-21 10:24:06','2026-11-21 10:24:06');
INSERT INTO `ovn_revision_numbers` VALUES (42,'b5ad0317-1aa0-46a7-aaf6-61164a67cebb','subnets',0,'2026-11-21 10:24:06','2026-11-21 10:24:06');
INSERT INTO `ovn_revision_numbers` VALUES (84,'b79e5341-8993-4ce8-87d9-b88ba529922e','security_group_rules',0,'2026-11-21 10:24:10','2026-11-21 10:24:10');
INSERT INTO `ovn_revision_numbers` VALUES (92,'bb477e67-93ce-473c-8646-c8b674b327ae','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (142,'bcf1c7c4-9d8f-48a4-b77e-7e7898a0f5ec','floatingips',1,'2026-11-21 10:24:47','2026-11-21 10:24:47');
INSERT INTO `ovn_revision_numbers` VALUES (15,'c347fdb5-6a60-4c85-bd46-c3868e970c6b','networks',1,'2026-11-21 10:24:02','2026-11-21 10:24:02');
INSERT INTO `ovn_revision_numbers` VALUES (144,'c849d88b-8867-4836-90ba-5adf364099a3','floatingips',1,'2026-11-21 10:24:48','2026-11-21 10:24:49');
INSERT INTO `ovn_revision_numbers` VALUES (97,'cb8db359-9f3c-4a2c-84ad-24ab64c8b08e','security_group_rules',0,'2026-11-21 10:24:13','2026-11-21 10:24:13');
INSERT INTO `ovn_revision_numbers` VALUES (110,'cc592aea-e9a2-4e26-a124-c1d61e0688fa','ports',1,'2026-11-21 10:24:19','2026-11-21 10:24:19');
INSERT INTO `ovn_revision_numbers` VALUES (75,'cf99d75c-4235-4f88-b95e-822aefafbcaa','security_groups',1,'2026-11-21 10:24:10','2026-11-21 10:24:10');
INSERT INTO `ovn_revision_numbers` VALUES (132,'cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','ports',2,'2026-11-21 10:24:36','2026-11-21 10:24:37');
INSERT INTO `ovn_revision_numbers` VALUES (132,'cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','router_ports',2,'2026-11-21 10:24:36','2026-11-21 10:24:37');
INSERT INTO `ovn_revision_numbers` VALUES (130,'d583b4c6-f15f-4ff3-9210-6ef83ac830e7','ports',2,'2026-11-21 10:24:32','2026-11-21 10:24:33');
INSERT INTO `ovn_revision_numbers` VALUES (130,'d583b4c6-f15f-4ff3-9210-6ef83ac830e7','router_ports',2,'2026-11-21 10:24:32','2026-11-21 10:24:33');
INSERT INTO `ovn_revision_numbers` VALUES (129,'d6cc0b50-4102-406c-ab9e-80162cab37d0','ports',2,'2026-11-21 10:24:30','2026-11-21 10:24:31');
INSERT INTO `ovn_revision_numbers` VALUES (129,'d6cc0b50-4102-406c-ab9e-80162cab37d0','router_ports',2,'2026-11-21 10:24:30','2026-11-21 10:24:30');
INSERT INTO `ovn_revision_numbers` VALUES (1,'db6f3276-705d-4759-84bf-ad9eba13bade','security_groups',1,'2026-11-21 10:24:00','2026-11-21 10:24:00');
INSERT INTO `ovn_revision_numbers` VALUES (23,'dcaaba25-c5fa-448c-a958-563984e3e7af','subnets',0,'2026-11-21 10:24:03','2026-11-21 10:24:03');
INSERT INTO `ovn_revision_numbers` VALUES (102,'dcb72dde-037d-488e-94b9-3295e5c337c0','ports',1,'2026-11-21 10:24:16','2026-11-21 10:24:16');
INSERT INTO `ovn_revision_numbers` VALUES (8,'ddc7d124-1494-4b27-8a2d-124a1644e51e','subnets',0,'2026-11-21 10:24:00','2026-11-21 10:24:01');
INSERT INTO `ovn_revision_numbers` VALUES (94,'e109de51-21a8-49c6-bded-1caecaa34990','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (91,'e25e20f0-14ab-4957-9029-13060039dc2e','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (105,'e5f574d7-c173-4284-a21d-22dbecb52893','ports',1,'2026-11-21 10:24:17','2026-11-21 10:24:17');
INSERT INTO `ovn_revision_numbers` VALUES (85,'e6124fc4-a116-4797-91dd-2359e393fcf8','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:11');
INSERT INTO `ovn_revision_numbers` VALUES (108,'ee25fa6c-4b2c-45a4-8f19-f270317b2ee8','ports',1,'2026-11-21 10:24:18','2026-11-21 10:24:18');
INSERT INTO `ovn_revision_numbers` VALUES (107,'f3baaf60-876a-4ca0-a2d8-40e52f960482','ports',1,'2026-11-21 10:24:18','2026-11-21 10:24:18');
INSERT INTO `ovn_revision_numbers` VALUES (90,'f41def19-de56-4bc0-8871-45cb8e5ef2cb','security_group_rules',0,'2026-11-21 10:24:11','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (93,'f6d57212-ca31-42c6-96d9-9b1fe02e927e','security_group_rules',0,'2026-11-21 10:24:12','2026-11-21 10:24:12');
INSERT INTO `ovn_revision_numbers` VALUES (78,'f975390e-9550-4639-923e-e8663e0324ec','security_groups',1,'2026-11-21 10:24:10','2026-11-21 10:24:10');
INSERT INTO `ovn_revision_numbers` VALUES (136,'fdcc835e-671f-4fba-bdd9-c467d72e7322','floatingips',1,'2026-11-21 10:24:41','2026-11-21 10:24:42');
INSERT INTO `ovn_revision_numbers` VALUES (83,'fe88023b-64c1-4fb1-8129-b3704a731163','security_group_rules',0,'2026-11-21 10:24:10','2026-11-21 10:24:10');
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
INSERT INTO `portforwardings` VALUES ('cb528eb2-8924-4c3d-be2c-2bbf9f3e9336','4d032e60-7c1f-4907-a1ce-eb59b7df606d','e5f574d7-c173-4284-a21d-22dbecb52893','tcp',151,'10.1.3.10',22,22,41153,41153);
INSERT INTO `portforwardings` VALUES ('d87c7e55-1e72-48e9-bb44-a3da5cf5a038','4d032e60-7c1f-4907-a1ce-eb59b7df606d','e5f574d7-c173-4284-a21d-22dbecb52893','tcp',150,'10.1.3.10',443,443,49798,49798);
INSERT INTO `portforwardings` VALUES ('f8929bd1-899d-46c4-b4a9-388ed8a748d8','a75f7e39-fdb5-466d-9cc2-30a4892812a9','e5f574d7-c173-4284-a21d-22dbecb52893','udp',147,'10.1.3.10',80,80,59002,59002);
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
  KEY `ix_ports_network_id_mac_address` (`network_id`,`mac_address`),
  KEY `ix_ports_network_id_device_owner` (`network_id`,`device_owner`),
  KEY `ix_ports_device_id` (`device_id`),
  KEY `ix_ports_project_id` (`project_id`),
  KEY `ix_ports_network_id` (`network_id`),
  CONSTRAINT `ports_ibfk_1` FOREIGN KEY (`network_id`) REFERENCES `networks` (`id`),
  CONSTRAINT `ports_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','081ed692-a485-40ab-8f78-a0b5c08fe58b','net5-p0','80d25274-5c48-4f13-b5c7-46403436031d','fa:16:3f:fb:62:3b',1,'DOWN','b746d6e4-644b-c1f2-5f96-c801925147db','compute:nova',109,'immediate');
INSERT INTO `ports` VALUES ('','0d22d298-5f7f-4c28-b624-1d9a25b03974','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:f4:02:6a',1,'DOWN','11561b01-a4d7-4443-9c51-3a23242a2b6a','network:router_gateway',125,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','0fd8b983-16c0-42ad-8541-368d6f47e84f','net2-p0','b2948fa1-cef3-41e5-b612-cedd937a3ff1','fa:16:3f:0c:ed:e8',1,'DOWN','6147db98-a44a-4d46-8918-b6824f4a353e','compute:nova',103,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','13c41e2e-4b28-4b81-84a3-e9215bc03eb6','flat1-p0','7747c172-4847-45d3-b1a0-fc5bf7c90e9a','fa:16:3f:fe:94:b7',1,'DOWN','','',111,'immediate');
INSERT INTO `ports` VALUES ('','238f60a1-f05c-4457-9695-ab447b2df92c','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:ee:08:8e',1,'N/A','7168df5b-bad2-4b10-9494-a1ce7ab335ad','network:floatingip',137,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','net1-p0','542f1a34-2c90-418f-b438-a897e1b87e01','fa:16:3f:76:10:7e',1,'DOWN','12d40507-71d7-b14e-b6c0-04cc3b8367dc','compute:nova',101,'immediate');
INSERT INTO `ports` VALUES ('','40504415-a719-4639-8afb-d48d2df72ed3','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:5e:9b:c0',1,'N/A','4d032e60-7c1f-4907-a1ce-eb59b7df606d','network:floatingip',148,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','4330caf4-0e22-4623-898b-6e1fdff3cec4','net2-p1','b2948fa1-cef3-41e5-b612-cedd937a3ff1','fa:16:3f:de:d9:0a',1,'DOWN','','',104,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','443bd49e-941b-4198-bb0e-807c77d5a8f2','flat2-p0','155f3deb-febd-4d28-b458-4df1d0c8cc83','fa:16:3f:48:bf:89',1,'DOWN','','',112,'immediate');
INSERT INTO `ports` VALUES ('','445dd51d-1f5d-4792-abc0-51dc2f448c10','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:8f:f4:8d',1,'N/A','106356cd-f5bc-4b96-aa6d-b2c5a114a7c1','network:floatingip',133,'immediate');
INSERT INTO `ports` VALUES ('','48fa93dc-51d7-4cf0-9de6-501787d0ff62','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:87:16:6f',1,'N/A','fdcc835e-671f-4fba-bdd9-c467d72e7322','network:floatingip',135,'immediate');
INSERT INTO `ports` VALUES ('','4d0aebad-23ae-46c0-b127-2befff27934d','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:a0:18:81',1,'DOWN','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','network:router_gateway',121,'immediate');
INSERT INTO `ports` VALUES ('','51f2241d-3f1f-4350-8143-8f6d5e051e64','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:68:38:7d',1,'DOWN','513f6dfb-e868-4e7a-94f1-5fa804e21d53','network:router_gateway',117,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','59993bc1-8987-4f54-b4c7-d28741668d5b','router2-net1','542f1a34-2c90-418f-b438-a897e1b87e01','fa:16:3e:9d:c1:32',1,'DOWN','963705ff-c468-4ad6-a59b-7345723f26dc','network:router_interface',128,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','62d528b7-181f-486c-b02f-5b2aeaf1918b','vlan181-p0','3fbee5b2-e866-45fa-921a-fe5a9a1d151b','fa:16:3f:fa:84:da',1,'DOWN','','',115,'immediate');
INSERT INTO `ports` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','662985eb-765e-49a2-af65-fffae76ff751','','025d221f-a284-4040-b84a-1ef156c1ee1b','fa:16:3e:9c:cd:a9',1,'DOWN','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','network:router_interface',131,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','6b723bad-b415-4a0f-951d-52ed869b5b9d','vlan150-p0','c347fdb5-6a60-4c85-bd46-c3868e970c6b','fa:16:3f:f4:d6:fb',1,'DOWN','','',113,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','6f1bd280-ad04-4ef4-9907-a53cbdebe76e','net0-p1','ad8f4660-c405-496e-a4d6-91349e441f4b','fa:16:3f:ae:84:86',1,'DOWN','a73fa0b2-6b75-196c-f87e-b8a09b27ec71','compute:nova',100,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','6f42c345-fa42-4cd6-9beb-6951ce800d27','','ad8f4660-c405-496e-a4d6-91349e441f4b','fa:16:3e:f5:2a:d4',1,'ACTIVE','3d788513-8d8e-4b9e-a4bb-1bc0447b8765','network:router_interface',127,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','80f52879-a176-4828-93ef-701f89e6b1a0','','ad8f4660-c405-496e-a4d6-91349e441f4b','fa:16:3e:f5:c0:17',1,'ACTIVE','3d788513-8d8e-4b9e-a4bb-1bc0447b8765','network:router_interface',126,'immediate');
INSERT INTO `ports` VALUES ('','885c8622-003c-47da-a3cb-4c39fc991fb5','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:32:67:10',1,'DOWN','9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','network:router_gateway',123,'immediate');
INSERT INTO `ports` VALUES ('','8ec0dc13-32ce-4f2c-be94-fafdcdefd2fd','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:d3:cb:c9',1,'N/A','a75f7e39-fdb5-466d-9cc2-30a4892812a9','network:floatingip',145,'immediate');
INSERT INTO `ports` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','8f96c1d6-819c-43eb-9528-ad576e286ccf','vlan155-p0','10ff6477-7e1d-4562-8c59-d06ae1bdf222','fa:16:3f:97:ca:76',1,'DOWN','','',114,'immediate');
INSERT INTO `ports` VALUES ('','99c10153-908a-4658-be17-e1431caa47ee','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:75:1b:7c',1,'N/A','c849d88b-8867-4836-90ba-5adf364099a3','network:floatingip',143,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','9c1a913f-7cb9-42b6-b053-d4430baaf278','net0-p0','ad8f4660-c405-496e-a4d6-91349e441f4b','fa:16:3f:a1:34:0c',1,'DOWN','f2b64df6-dff0-7870-c9d5-31ae72a47403','compute:nova',99,'immediate');
INSERT INTO `ports` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','a1800d71-1735-4955-a007-f0278a377cb8','net3-p1','a766bdbe-ed26-4055-bc2b-25d57f338d24','fa:16:3f:3c:bb:94',1,'DOWN','5f4a3ff5-eeb4-de7a-fbc8-0976b0bdb4fe','compute:nova',106,'immediate');
INSERT INTO `ports` VALUES ('','a47c7a20-acf5-491f-8402-c3fd7a201057','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:e2:74:1e',1,'N/A','800c8e0d-08c4-45fb-b75d-cbabec432293','network:floatingip',139,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','cc592aea-e9a2-4e26-a124-c1d61e0688fa','net5-p1','80d25274-5c48-4f13-b5c7-46403436031d','fa:16:3f:ab:c8:6c',1,'DOWN','9e412c9d-0650-b153-1afb-9094b151ad75','compute:nova',110,'immediate');
INSERT INTO `ports` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','','80d25274-5c48-4f13-b5c7-46403436031d','fa:16:3e:fb:4a:9e',1,'DOWN','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','network:router_interface',132,'immediate');
INSERT INTO `ports` VALUES ('cf1822ffbc6887782b491044d5e34124','d583b4c6-f15f-4ff3-9210-6ef83ac830e7','','a766bdbe-ed26-4055-bc2b-25d57f338d24','fa:16:3e:97:bb:f6',1,'DOWN','9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','network:router_interface',130,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','d6cc0b50-4102-406c-ab9e-80162cab37d0','','b2948fa1-cef3-41e5-b612-cedd937a3ff1','fa:16:3e:c3:3b:14',1,'DOWN','3d788513-8d8e-4b9e-a4bb-1bc0447b8765','network:router_interface',129,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','dcb72dde-037d-488e-94b9-3295e5c337c0','net1-p1','542f1a34-2c90-418f-b438-a897e1b87e01','fa:16:3f:02:4d:12',1,'DOWN','1c75f67e-2905-35d8-68a2-4b7f627f2855','compute:nova',102,'immediate');
INSERT INTO `ports` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','e5f574d7-c173-4284-a21d-22dbecb52893','net3-p0','a766bdbe-ed26-4055-bc2b-25d57f338d24','fa:16:3f:1a:d6:5c',1,'DOWN','cd7acfcb-a9cd-8311-1802-6938ebad8304','compute:nova',105,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','ee25fa6c-4b2c-45a4-8f19-f270317b2ee8','net4-p1','025d221f-a284-4040-b84a-1ef156c1ee1b','fa:16:3f:25:02:91',1,'DOWN','ef6de201-4e4a-4f6a-5f76-8331062e2b10','compute:nova',108,'immediate');
INSERT INTO `ports` VALUES ('5c6e433715ba2bdd177219d30e7a269f','f3baaf60-876a-4ca0-a2d8-40e52f960482','net4-p0','025d221f-a284-4040-b84a-1ef156c1ee1b','fa:16:3f:35:9c:65',1,'DOWN','d34d0494-ac2d-a99d-c67c-87efd73253cf','compute:nova',107,'immediate');
INSERT INTO `ports` VALUES ('','fed7777c-51ad-47c3-9ab1-1440ddbb6269','','77479ee8-4cda-4306-930d-1b8b2e054ec7','fa:16:3e:c3:f2:50',1,'N/A','bcf1c7c4-9d8f-48a4-b77e-7e7898a0f5ec','network:floatingip',141,'immediate');
CREATE TABLE `portsecuritybindings` (
  `port_id` varchar(36) NOT NULL,
  `port_security_enabled` tinyint(1) NOT NULL,
  PRIMARY KEY (`port_id`),
  CONSTRAINT `portsecuritybindings_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `portsecuritybindings` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b',1);
INSERT INTO `portsecuritybindings` VALUES ('0d22d298-5f7f-4c28-b624-1d9a25b03974',0);
INSERT INTO `portsecuritybindings` VALUES ('0fd8b983-16c0-42ad-8541-368d6f47e84f',1);
INSERT INTO `portsecuritybindings` VALUES ('13c41e2e-4b28-4b81-84a3-e9215bc03eb6',1);
INSERT INTO `portsecuritybindings` VALUES ('238f60a1-f05c-4457-9695-ab447b2df92c',0);
INSERT INTO `portsecuritybindings` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3',1);
INSERT INTO `portsecuritybindings` VALUES ('40504415-a719-4639-8afb-d48d2df72ed3',0);
INSERT INTO `portsecuritybindings` VALUES ('4330caf4-0e22-4623-898b-6e1fdff3cec4',0);
INSERT INTO `portsecuritybindings` VALUES ('443bd49e-941b-4198-bb0e-807c77d5a8f2',1);
INSERT INTO `portsecuritybindings` VALUES ('445dd51d-1f5d-4792-abc0-51dc2f448c10',0);
INSERT INTO `portsecuritybindings` VALUES ('48fa93dc-51d7-4cf0-9de6-501787d0ff62',0);
INSERT INTO `portsecuritybindings` VALUES ('4d0aebad-23ae-46c0-b127-2befff27934d',0);
INSERT INTO `portsecuritybindings` VALUES ('51f2241d-3f1f-4350-8143-8f6d5e051e64',0);
INSERT INTO `portsecuritybindings` VALUES ('59993bc1-8987-4f54-b4c7-d28741668d5b',1);
INSERT INTO `portsecuritybindings` VALUES ('62d528b7-181f-486c-b02f-5b2aeaf1918b',1);
INSERT INTO `portsecuritybindings` VALUES ('662985eb-765e-49a2-af65-fffae76ff751',0);
INSERT INTO `portsecuritybindings` VALUES ('6b723bad-b415-4a0f-951d-52ed869b5b9d',1);
INSERT INTO `portsecuritybindings` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e',1);
INSERT INTO `portsecuritybindings` VALUES ('6f42c345-fa42-4cd6-9beb-6951ce800d27',0);
INSERT INTO `portsecuritybindings` VALUES ('80f52879-a176-4828-93ef-701f89e6b1a0',0);
INSERT INTO `portsecuritybindings` VALUES ('885c8622-003c-47da-a3cb-4c39fc991fb5',0);
INSERT INTO `portsecuritybindings` VALUES ('8ec0dc13-32ce-4f2c-be94-fafdcdefd2fd',0);
INSERT INTO `portsecuritybindings` VALUES ('8f96c1d6-819c-43eb-9528-ad576e286ccf',1);
INSERT INTO `portsecuritybindings` VALUES ('99c10153-908a-4658-be17-e1431caa47ee',0);
INSERT INTO `portsecuritybindings` VALUES ('9c1a913f-7cb9-42b6-b053-d4430baaf278',1);
INSERT INTO `portsecuritybindings` VALUES ('a1800d71-1735-4955-a007-f0278a377cb8',1);
INSERT INTO `portsecuritybindings` VALUES ('a47c7a20-acf5-491f-8402-c3fd7a201057',0);
INSERT INTO `portsecuritybindings` VALUES ('cc592aea-e9a2-4e26-a124-c1d61e0688fa',1);
INSERT INTO `portsecuritybindings` VALUES ('cfb0d54e-b609-4e8c-9a47-8bd8681edb3b',0);
INSERT INTO `portsecuritybindings` VALUES ('d583b4c6-f15f-4ff3-9210-6ef83ac830e7',0);
INSERT INTO `portsecuritybindings` VALUES ('d6cc0b50-4102-406c-ab9e-80162cab37d0',0);
INSERT INTO `portsecuritybindings` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0',1);
INSERT INTO `portsecuritybindings` VALUES ('e5f574d7-c173-4284-a21d-22dbecb52893',0);
INSERT INTO `portsecuritybindings` VALUES ('ee25fa6c-4b2c-45a4-8f19-f270317b2ee8',0);
INSERT INTO `portsecuritybindings` VALUES ('f3baaf60-876a-4ca0-a2d8-40e52f960482',1);
INSERT INTO `portsecuritybindings` VALUES ('fed7777c-51ad-47c3-9ab1-1440ddbb6269',0);
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
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('0a355726-906f-44c3-ba73-8473520b7b47','3132a6dd-85af-4716-9d19-40c87dbd3605',20000,0,'ingress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('3593c4a6-400d-4004-b959-26a4a9c70051','42a96078-9f57-4856-8c6e-5e52e533a261',2000,0,'ingress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('97ec931e-2194-4812-a951-831b845f0b9d','42a96078-9f57-4856-8c6e-5e52e533a261',100000,1000,'egress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('b063e8e7-b236-47c6-b7ae-a603bebfe7c1','3132a6dd-85af-4716-9d19-40c87dbd3605',5000,100,'egress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('c467273a-6c4b-4447-a365-c97807d43723','86dbc855-815d-4bfb-ad19-a4a8ce4d848a',20000,0,'ingress');
INSERT INTO `qos_bandwidth_limit_rules` VALUES ('daf101e2-903a-405e-87cf-1c31c0e5314a','86dbc855-815d-4bfb-ad19-a4a8ce4d848a',1000,0,'egress');
CREATE TABLE `qos_dscp_marking_rules` (
  `id` varchar(36) NOT NULL,
  `qos_policy_id` varchar(36) NOT NULL,
  `dscp_mark` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `qos_policy_id` (`qos_policy_id`),
  CONSTRAINT `qos_dscp_marking_rules_ibfk_1` FOREIGN KEY (`qos_policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_dscp_marking_rules` VALUES ('36de51bd-e0da-44d7-a5db-5ca544ace97f','42a96078-9f57-4856-8c6e-5e52e533a261',10);
CREATE TABLE `qos_fip_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `fip_id` varchar(36) NOT NULL,
  UNIQUE KEY `fip_id` (`fip_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `qos_fip_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_fip_policy_bindings_ibfk_2` FOREIGN KEY (`fip_id`) REFERENCES `floatingips` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_fip_policy_bindings` VALUES ('42a96078-9f57-4856-8c6e-5e52e533a261','106356cd-f5bc-4b96-aa6d-b2c5a114a7c1');
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
INSERT INTO `qos_network_policy_bindings` VALUES ('86dbc855-815d-4bfb-ad19-a4a8ce4d848a','ad8f4660-c405-496e-a4d6-91349e441f4b');
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
INSERT INTO `qos_policies` VALUES ('3132a6dd-85af-4716-9d19-40c87dbd3605','qos2','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',26);
INSERT INTO `qos_policies` VALUES ('42a96078-9f57-4856-8c6e-5e52e533a261','qos1','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',25);
INSERT INTO `qos_policies` VALUES ('86dbc855-815d-4bfb-ad19-a4a8ce4d848a','qos0','aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',24);
CREATE TABLE `qos_port_policy_bindings` (
  `policy_id` varchar(36) NOT NULL,
  `port_id` varchar(36) NOT NULL,
  UNIQUE KEY `port_id` (`port_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `qos_port_policy_bindings_ibfk_1` FOREIGN KEY (`policy_id`) REFERENCES `qos_policies` (`id`) ON DELETE CASCADE,
  CONSTRAINT `qos_port_policy_bindings_ibfk_2` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `qos_port_policy_bindings` VALUES ('3132a6dd-85af-4716-9d19-40c87dbd3605','6f1bd280-ad04-4ef4-9907-a53cbdebe76e');
INSERT INTO `qos_port_policy_bindings` VALUES ('42a96078-9f57-4856-8c6e-5e52e533a261','081ed692-a485-40ab-8f78-a0b5c08fe58b');
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
  PRIMARY KEY (`router_id`),
  CONSTRAINT `router_extra_attributes_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
CREATE TABLE `routerports` (
  `router_id` varchar(36) NOT NULL,
  `port_id` varchar(36) NOT NULL,
  `port_type` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`router_id`,`port_id`),
  UNIQUE KEY `uniq_routerports0port_id` (`port_id`),
  CONSTRAINT `routerports_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE,
  CONSTRAINT `routerports_ibfk_2` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routerports` VALUES ('11561b01-a4d7-4443-9c51-3a23242a2b6a','0d22d298-5f7f-4c28-b624-1d9a25b03974','network:router_gateway');
INSERT INTO `routerports` VALUES ('3d788513-8d8e-4b9e-a4bb-1bc0447b8765','6f42c345-fa42-4cd6-9beb-6951ce800d27','network:router_interface');
INSERT INTO `routerports` VALUES ('3d788513-8d8e-4b9e-a4bb-1bc0447b8765','80f52879-a176-4828-93ef-701f89e6b1a0','network:router_interface');
INSERT INTO `routerports` VALUES ('3d788513-8d8e-4b9e-a4bb-1bc0447b8765','d6cc0b50-4102-406c-ab9e-80162cab37d0','network:router_interface');
INSERT INTO `routerports` VALUES ('513f6dfb-e868-4e7a-94f1-5fa804e21d53','51f2241d-3f1f-4350-8143-8f6d5e051e64','network:router_gateway');
INSERT INTO `routerports` VALUES ('741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','4d0aebad-23ae-46c0-b127-2befff27934d','network:router_gateway');
INSERT INTO `routerports` VALUES ('741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','662985eb-765e-49a2-af65-fffae76ff751','network:router_interface');
INSERT INTO `routerports` VALUES ('741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','cfb0d54e-b609-4e8c-9a47-8bd8681edb3b','network:router_interface');
INSERT INTO `routerports` VALUES ('963705ff-c468-4ad6-a59b-7345723f26dc','59993bc1-8987-4f54-b4c7-d28741668d5b','network:router_interface');
INSERT INTO `routerports` VALUES ('9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','885c8622-003c-47da-a3cb-4c39fc991fb5','network:router_gateway');
INSERT INTO `routerports` VALUES ('9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','d583b4c6-f15f-4ff3-9210-6ef83ac830e7','network:router_interface');
CREATE TABLE `routerroutes` (
  `destination` varchar(64) NOT NULL,
  `nexthop` varchar(64) NOT NULL,
  `router_id` varchar(36) NOT NULL,
  PRIMARY KEY (`destination`,`nexthop`,`router_id`),
  KEY `router_id` (`router_id`),
  CONSTRAINT `routerroutes_ibfk_1` FOREIGN KEY (`router_id`) REFERENCES `routers` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routerroutes` VALUES ('172.16.115.0/24','10.1.3.254','9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e');
INSERT INTO `routerroutes` VALUES ('172.16.184.0/24','10.1.1.254','963705ff-c468-4ad6-a59b-7345723f26dc');
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
  CONSTRAINT `routers_ibfk_2` FOREIGN KEY (`standard_attr_id`) REFERENCES `standardattributes` (`id`) ON DELETE CASCADE,
  CONSTRAINT `routers_ibfk_3` FOREIGN KEY (`flavor_id`) REFERENCES `flavors` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `routers` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','11561b01-a4d7-4443-9c51-3a23242a2b6a','router5','ACTIVE',1,'0d22d298-5f7f-4c28-b624-1d9a25b03974',0,124,NULL);
INSERT INTO `routers` VALUES ('5c6e433715ba2bdd177219d30e7a269f','3d788513-8d8e-4b9e-a4bb-1bc0447b8765','router1','ACTIVE',1,NULL,1,118,NULL);
INSERT INTO `routers` VALUES ('cf1822ffbc6887782b491044d5e34124','513f6dfb-e868-4e7a-94f1-5fa804e21d53','router0','ACTIVE',1,'51f2241d-3f1f-4350-8143-8f6d5e051e64',0,116,NULL);
INSERT INTO `routers` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','741c2f5a-5e26-4e6a-bab5-b8d44e5032d9','router3','ACTIVE',1,'4d0aebad-23ae-46c0-b127-2befff27934d',1,120,NULL);
INSERT INTO `routers` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','963705ff-c468-4ad6-a59b-7345723f26dc','router2','ACTIVE',1,NULL,1,119,NULL);
INSERT INTO `routers` VALUES ('cf1822ffbc6887782b491044d5e34124','9e790eb2-c0c4-4cf9-9038-3bdc9c5b705e','router4','ACTIVE',1,'885c8622-003c-47da-a3cb-4c39fc991fb5',1,122,NULL);
CREATE TABLE `securitygroupportbindings` (
  `port_id` varchar(36) NOT NULL,
  `security_group_id` varchar(36) NOT NULL,
  PRIMARY KEY (`port_id`,`security_group_id`),
  KEY `securitygroupportbindings_ibfk_2` (`security_group_id`),
  CONSTRAINT `securitygroupportbindings_ibfk_1` FOREIGN KEY (`port_id`) REFERENCES `ports` (`id`) ON DELETE CASCADE,
  CONSTRAINT `securitygroupportbindings_ibfk_2` FOREIGN KEY (`security_group_id`) REFERENCES `securitygroups` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `securitygroupportbindings` VALUES ('081ed692-a485-40ab-8f78-a0b5c08fe58b','a610ade7-68c1-48e5-a114-59b9bdfd2253');
INSERT INTO `securitygroupportbindings` VALUES ('0fd8b983-16c0-42ad-8541-368d6f47e84f','50a047fb-b419-4786-9fcc-92781286e0e4');
INSERT INTO `securitygroupportbindings` VALUES ('13c41e2e-4b28-4b81-84a3-e9215bc03eb6','a610ade7-68c1-48e5-a114-59b9bdfd2253');
INSERT INTO `securitygroupportbindings` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','59c73a45-c968-4e3a-9269-4fd3b218f9b0');
INSERT INTO `securitygroupportbindings` VALUES ('356d07d4-5ccf-4ed0-b820-3f0b3ceca9b3','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568');
INSERT INTO `securitygroupportbindings` VALUES ('443bd49e-941b-4198-bb0e-807c77d5a8f2','a610ade7-68c1-48e5-a114-59b9bdfd2253');
INSERT INTO `securitygroupportbindings` VALUES ('59993bc1-8987-4f54-b4c7-d28741668d5b','a610ade7-68c1-48e5-a114-59b9bdfd2253');
INSERT INTO `securitygroupportbindings` VALUES ('62d528b7-181f-486c-b02f-5b2aeaf1918b','50a047fb-b419-4786-9fcc-92781286e0e4');
INSERT INTO `securitygroupportbindings` VALUES ('6b723bad-b415-4a0f-951d-52ed869b5b9d','50a047fb-b419-4786-9fcc-92781286e0e4');
INSERT INTO `securitygroupportbindings` VALUES ('6f1bd280-ad04-4ef4-9907-a53cbdebe76e','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18');
INSERT INTO `securitygroupportbindings` VALUES ('8f96c1d6-819c-43eb-9528-ad576e286ccf','6d43e5f7-a22d-4ea5-8d66-e2f103be9956');
INSERT INTO `securitygroupportbindings` VALUES ('9c1a913f-7cb9-42b6-b053-d4430baaf278','f975390e-9550-4639-923e-e8663e0324ec');
INSERT INTO `securitygroupportbindings` VALUES ('a1800d71-1735-4955-a007-f0278a377cb8','6d43e5f7-a22d-4ea5-8d66-e2f103be9956');
INSERT INTO `securitygroupportbindings` VALUES ('cc592aea-e9a2-4e26-a124-c1d61e0688fa','a610ade7-68c1-48e5-a114-59b9bdfd2253');
INSERT INTO `securitygroupportbindings` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','59c73a45-c968-4e3a-9269-4fd3b218f9b0');
INSERT INTO `securitygroupportbindings` VALUES ('dcb72dde-037d-488e-94b9-3295e5c337c0','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568');
INSERT INTO `securitygroupportbindings` VALUES ('f3baaf60-876a-4ca0-a2d8-40e52f960482','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568');
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
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','00e6f09a-437d-4f5d-aa9e-c5d3aa4d934e','59c73a45-c968-4e3a-9269-4fd3b218f9b0',NULL,'ingress','IPv4','icmp',8,0,NULL,82,NULL);
INSERT INTO `securitygrouprules` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','01af8c9f-af7f-4dd4-8c6f-3bca90933d3a','6d43e5f7-a22d-4ea5-8d66-e2f103be9956','6d43e5f7-a22d-4ea5-8d66-e2f103be9956','ingress','IPv4',NULL,NULL,NULL,NULL,47,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','0980415b-a2ba-47f5-98dc-03025927ebb3','9b1a5276-21f8-4a56-92c5-fa8977b720ab',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,71,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','0d4add91-49a9-4e85-84f0-a5f747b90fed','db6f3276-705d-4759-84bf-ad9eba13bade',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,5,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','14fda34b-d7e4-4388-afee-49daf1038155','9b1a5276-21f8-4a56-92c5-fa8977b720ab',NULL,'ingress','IPv4','icmp',8,0,NULL,88,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','183fa43b-1023-40ab-a740-36f65cdf82c3','a610ade7-68c1-48e5-a114-59b9bdfd2253','a610ade7-68c1-48e5-a114-59b9bdfd2253','ingress','IPv4',NULL,NULL,NULL,NULL,36,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','1ed59f1c-6b71-433a-b6a5-c5e9be14a217','db6f3276-705d-4759-84bf-ad9eba13bade',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,3,NULL);
INSERT INTO `securitygrouprules` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','20b86f3a-3ea7-4caf-993a-9c67410dc020','6d43e5f7-a22d-4ea5-8d66-e2f103be9956',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,50,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','2751fcb7-2e1f-4ed9-abb1-ef5f87f65704','f975390e-9550-4639-923e-e8663e0324ec',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,79,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','3699ce7b-6492-45e2-910b-c288ecd7ac39','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,68,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','4360744c-b2ea-4f18-86a1-064801c3ebd4','59c73a45-c968-4e3a-9269-4fd3b218f9b0',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,65,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','4434e566-dd18-43fb-86b6-e7d9660d03c2','a610ade7-68c1-48e5-a114-59b9bdfd2253','a610ade7-68c1-48e5-a114-59b9bdfd2253','ingress','IPv6',NULL,NULL,NULL,NULL,38,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','48772097-1237-4fac-845b-d5ef632f6184','f975390e-9550-4639-923e-e8663e0324ec',NULL,'ingress','IPv4','tcp',23099,23162,NULL,98,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','561df632-1694-4642-a6d5-1a28c1e15e29','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,156,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','5a5c0e99-9e08-487a-aa87-3c919462b5e5','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568',NULL,'ingress','IPv4','icmp',NULL,NULL,NULL,86,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','5bc89f90-3a64-407c-8e4a-39b343618a24','9b1a5276-21f8-4a56-92c5-fa8977b720ab',NULL,'ingress','IPv4','tcp',443,443,NULL,89,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','62ef46e8-30e8-4869-8b57-e54de5c4c37b','9b1a5276-21f8-4a56-92c5-fa8977b720ab',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,70,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','630f56e2-3997-4ab0-b75a-0a61ad093585','59c73a45-c968-4e3a-9269-4fd3b218f9b0',NULL,'ingress','IPv4','gre',NULL,NULL,'192.0.2.0/24',81,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','6482eca8-ce76-4175-89aa-8b742f53cb3e','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,154,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','65db24c7-563f-410b-ac1b-5325bcb9ab73','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','ingress','IPv6',NULL,NULL,NULL,NULL,155,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','6618d484-4ee2-43f7-93e3-9b6b07866beb','50a047fb-b419-4786-9fcc-92781286e0e4',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,31,NULL);
INSERT INTO `securitygrouprules` VALUES ('fake_project_id','676266b2-e127-4cf9-bec1-63a74790c62e','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','ingress','IPv4',NULL,NULL,NULL,NULL,153,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','687b4686-0f24-41e6-96d9-3f9eb8928dc1','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,73,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','6addf436-db3a-4147-a6cb-c06816b628bd','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,74,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','70c8679f-62b8-4747-94d9-78fededa020e','a610ade7-68c1-48e5-a114-59b9bdfd2253',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,37,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','7e48c74b-1884-425d-8d0e-381b4dde50be','f975390e-9550-4639-923e-e8663e0324ec',NULL,'ingress','IPv4','tcp',80,80,'0.0.0.0/0',96,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','80ab5a10-09ce-462a-9754-80125040ca42','cf99d75c-4235-4f88-b95e-822aefafbcaa',NULL,'ingress','IPv4','gre',NULL,NULL,'10.0.0.0/8',95,NULL);
INSERT INTO `securitygrouprules` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','82f2a52d-4516-4a94-a29d-ad1fc4e7bbba','6d43e5f7-a22d-4ea5-8d66-e2f103be9956',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,48,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','83269115-4137-4c79-a3d2-672040d40e73','a610ade7-68c1-48e5-a114-59b9bdfd2253',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,39,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','899c43fb-1f2a-4a47-86f2-60e91860d8ef','50a047fb-b419-4786-9fcc-92781286e0e4','50a047fb-b419-4786-9fcc-92781286e0e4','ingress','IPv4',NULL,NULL,NULL,NULL,28,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','9129446b-70cc-4353-9565-911df7dd33ce','db6f3276-705d-4759-84bf-ad9eba13bade','db6f3276-705d-4759-84bf-ad9eba13bade','ingress','IPv4',NULL,NULL,NULL,NULL,2,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','9a342853-2041-4b66-a5a1-3d831482c3bb','9b1a5276-21f8-4a56-92c5-fa8977b720ab',NULL,'ingress','IPv4','udp',123,123,'10.0.0.0/8',87,NULL);
INSERT INTO `securitygrouprules` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','acfd2e42-4221-42a3-8bd2-343856716818','db6f3276-705d-4759-84bf-ad9eba13bade','db6f3276-705d-4759-84bf-ad9eba13bade','ingress','IPv6',NULL,NULL,NULL,NULL,4,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','ae1a3618-6b4d-4fef-a8ee-d9774a7dce58','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,67,NULL);
INSERT INTO `securitygrouprules` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','b2b546cd-cb92-45f4-84d0-c7865d9daba3','6d43e5f7-a22d-4ea5-8d66-e2f103be9956','6d43e5f7-a22d-4ea5-8d66-e2f103be9956','ingress','IPv6',NULL,NULL,NULL,NULL,49,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','b4f0969c-e501-4c5f-a0e4-4249bf1cdeeb','f975390e-9550-4639-923e-e8663e0324ec',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,80,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','b79e5341-8993-4ce8-87d9-b88ba529922e','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568',NULL,'ingress','IPv4','icmp',8,0,NULL,84,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','bb477e67-93ce-473c-8646-c8b674b327ae','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18',NULL,'ingress','IPv4','tcp',6443,6443,NULL,92,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','c85711ef-8091-4fef-88af-b04cc872b3aa','50a047fb-b419-4786-9fcc-92781286e0e4',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,29,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','cac507f7-fa4c-4d67-8019-0583475caa58','50a047fb-b419-4786-9fcc-92781286e0e4','50a047fb-b419-4786-9fcc-92781286e0e4','ingress','IPv6',NULL,NULL,NULL,NULL,30,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','cb8db359-9f3c-4a2c-84ad-24ab64c8b08e','f975390e-9550-4639-923e-e8663e0324ec',NULL,'ingress','IPv4','tcp',443,443,NULL,97,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','e109de51-21a8-49c6-bded-1caecaa34990','cf99d75c-4235-4f88-b95e-822aefafbcaa',NULL,'ingress','IPv4','udp',123,123,'0.0.0.0/0',94,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','e25e20f0-14ab-4957-9029-13060039dc2e','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18',NULL,'ingress','IPv4','icmp',0,0,NULL,91,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','e29b8ac9-5347-4bfd-8dd9-65e55cab1eb9','59c73a45-c968-4e3a-9269-4fd3b218f9b0',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,64,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','e6124fc4-a116-4797-91dd-2359e393fcf8','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568',NULL,'ingress','IPv4','tcp',5432,5432,'10.0.0.0/8',85,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','f41def19-de56-4bc0-8871-45cb8e5ef2cb','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18',NULL,'ingress','IPv6','ipv6-icmp',NULL,NULL,NULL,90,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','f5688c46-f16e-466a-b5e2-99df5d411640','cf99d75c-4235-4f88-b95e-822aefafbcaa',NULL,'egress','IPv4',NULL,NULL,NULL,NULL,76,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','f6d57212-ca31-42c6-96d9-9b1fe02e927e','cf99d75c-4235-4f88-b95e-822aefafbcaa',NULL,'ingress','IPv4','tcp',443,443,'10.0.0.0/8',93,NULL);
INSERT INTO `securitygrouprules` VALUES ('cf1822ffbc6887782b491044d5e34124','f909c0d1-d4af-4e3e-b865-929e3d3685e7','cf99d75c-4235-4f88-b95e-822aefafbcaa',NULL,'egress','IPv6',NULL,NULL,NULL,NULL,77,NULL);
INSERT INTO `securitygrouprules` VALUES ('5c6e433715ba2bdd177219d30e7a269f','fe88023b-64c1-4fb1-8129-b3704a731163','59c73a45-c968-4e3a-9269-4fd3b218f9b0',NULL,'ingress','IPv4','tcp',48575,48577,NULL,83,NULL);
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
INSERT INTO `securitygroups` VALUES ('cf1822ffbc6887782b491044d5e34124','50a047fb-b419-4786-9fcc-92781286e0e4','default',27,1);
INSERT INTO `securitygroups` VALUES ('5c6e433715ba2bdd177219d30e7a269f','59c73a45-c968-4e3a-9269-4fd3b218f9b0','sg0',63,1);
INSERT INTO `securitygroups` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','6d43e5f7-a22d-4ea5-8d66-e2f103be9956','default',46,1);
INSERT INTO `securitygroups` VALUES ('cf1822ffbc6887782b491044d5e34124','9ac6ae8b-28e4-4d4c-bf49-365b4fe6fa18','sg3',72,1);
INSERT INTO `securitygroups` VALUES ('cf1822ffbc6887782b491044d5e34124','9b1a5276-21f8-4a56-92c5-fa8977b720ab','sg2',69,0);
INSERT INTO `securitygroups` VALUES ('5c6e433715ba2bdd177219d30e7a269f','a610ade7-68c1-48e5-a114-59b9bdfd2253','default',35,1);
INSERT INTO `securitygroups` VALUES ('5c6e433715ba2bdd177219d30e7a269f','ac64aa66-5c9f-4a4e-a8af-cc73e82c5568','sg1',66,1);
INSERT INTO `securitygroups` VALUES ('fake_project_id','b2372c2c-8c97-42d5-b7ae-04f2f6b9076c','default',152,1);
INSERT INTO `securitygroups` VALUES ('cf1822ffbc6887782b491044d5e34124','cf99d75c-4235-4f88-b95e-822aefafbcaa','sg4',75,1);
INSERT INTO `securitygroups` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','db6f3276-705d-4759-84bf-ad9eba13bade','default',1,1);
INSERT INTO `securitygroups` VALUES ('cf1822ffbc6887782b491044d5e34124','f975390e-9550-4639-923e-e8663e0324ec','sg5',78,0);
CREATE TABLE `standardattributes` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `resource_type` varchar(255) NOT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `description` varchar(255) DEFAULT NULL,
  `revision_number` bigint(20) NOT NULL DEFAULT 0,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=157 DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
INSERT INTO `standardattributes` VALUES (1,'securitygroups','2026-11-21 10:24:00','2026-11-21 10:24:00','Default security group',1);
INSERT INTO `standardattributes` VALUES (2,'securitygrouprules','2026-11-21 10:24:00','2026-11-21 10:24:00',NULL,0);
INSERT INTO `standardattributes` VALUES (3,'securitygrouprules','2026-11-21 10:24:00','2026-11-21 10:24:00',NULL,0);
INSERT INTO `standardattributes` VALUES (4,'securitygrouprules','2026-11-21 10:24:00','2026-11-21 10:24:00',NULL,0);
INSERT INTO `standardattributes` VALUES (5,'securitygrouprules','2026-11-21 10:24:00','2026-11-21 10:24:00',NULL,0);
INSERT INTO `standardattributes` VALUES (6,'networks','2026-11-21 10:24:00','2026-11-21 10:24:00','',2);
INSERT INTO `standardattributes` VALUES (7,'networksegments','2026-11-21 10:24:00','2026-11-21 10:24:00',NULL,1);
INSERT INTO `standardattributes` VALUES (8,'subnets','2026-11-21 10:24:00','2026-11-21 10:24:00','',0);
INSERT INTO `standardattributes` VALUES (9,'networks','2026-11-21 10:24:01','2026-11-21 10:24:01','',2);
INSERT INTO `standardattributes` VALUES (10,'networksegments','2026-11-21 10:24:01','2026-11-21 10:24:01',NULL,1);
INSERT INTO `standardattributes` VALUES (11,'subnets','2026-11-21 10:24:01','2026-11-21 10:24:01','',0);
INSERT INTO `standardattributes` VALUES (12,'networks','2026-11-21 10:24:01','2026-11-21 10:24:01','',2);
INSERT INTO `standardattributes` VALUES (13,'networksegments','2026-11-21 10:24:01','2026-11-21 10:24:01',NULL,1);
INSERT INTO `standardattributes` VALUES (14,'subnets','2026-11-21 10:24:01','2026-11-21 10:24:01','',0);
INSERT INTO `standardattributes` VALUES (15,'networks','2026-11-21 10:24:02','2026-11-21 10:24:02','',2);
INSERT INTO `standardattributes` VALUES (16,'networksegments','2026-11-21 10:24:02','2026-11-21 10:24:02',NULL,1);
INSERT INTO `standardattributes` VALUES (17,'subnets','2026-11-21 10:24:02','2026-11-21 10:24:02','',0);
INSERT INTO `standardattributes` VALUES (18,'networks','2026-11-21 10:24:02','2026-11-21 10:24:03','',2);
INSERT INTO `standardattributes` VALUES (19,'networksegments','2026-11-21 10:24:02','2026-11-21 10:24:02',NULL,1);
INSERT INTO `standardattributes` VALUES (20,'subnets','2026-11-21 10:24:03','2026-11-21 10:24:03','',0);
INSERT INTO `standardattributes` VALUES (21,'networks','2026-11-21 10:24:03','2026-11-21 10:24:03','',2);
INSERT INTO `standardattributes` VALUES (22,'networksegments','2026-11-21 10:24:03','2026-11-21 10:24:03',NULL,1);
INSERT INTO `standardattributes` VALUES (23,'subnets','2026-11-21 10:24:03','2026-11-21 10:24:03','',0);
INSERT INTO `standardattributes` VALUES (24,'qos_policies','2026-11-21 10:24:03','2026-11-21 10:24:03','',2);
INSERT INTO `standardattributes` VALUES (25,'qos_policies','2026-11-21 10:24:04','2026-11-21 10:24:04','',3);
INSERT INTO `standardattributes` VALUES (26,'qos_policies','2026-11-21 10:24:04','2026-11-21 10:24:04','',2);
INSERT INTO `standardattributes` VALUES (27,'securitygroups','2026-11-21 10:24:04','2026-11-21 10:24:04','Default security group',1);
INSERT INTO `standardattributes` VALUES (28,'securitygrouprules','2026-11-21 10:24:04','2026-11-21 10:24:04',NULL,0);
INSERT INTO `standardattributes` VALUES (29,'securitygrouprules','2026-11-21 10:24:04','2026-11-21 10:24:04',NULL,0);
INSERT INTO `standardattributes` VALUES (30,'securitygrouprules','2026-11-21 10:24:04','2026-11-21 10:24:04',NULL,0);
INSERT INTO `standardattributes` VALUES (31,'securitygrouprules','2026-11-21 10:24:04','2026-11-21 10:24:04',NULL,0);
INSERT INTO `standardattributes` VALUES (32,'networks','2026-11-21 10:24:04','2026-11-21 10:24:08','',3);
INSERT INTO `standardattributes` VALUES (33,'networksegments','2026-11-21 10:24:04','2026-11-21 10:24:04',NULL,0);
INSERT INTO `standardattributes` VALUES (34,'subnets','2026-11-21 10:24:05','2026-11-21 10:24:05','',0);
INSERT INTO `standardattributes` VALUES (35,'securitygroups','2026-11-21 10:24:05','2026-11-21 10:24:05','Default security group',1);
INSERT INTO `standardattributes` VALUES (36,'securitygrouprules','2026-11-21 10:24:05','2026-11-21 10:24:05',NULL,0);
INSERT INTO `standardattributes` VALUES (37,'securitygrouprules','2026-11-21 10:24:05','2026-11-21 10:24:05',NULL,0);
INSERT INTO `standardattributes` VALUES (38,'securitygrouprules','2026-11-21 10:24:05','2026-11-21 10:24:05',NULL,0);
INSERT INTO `standardattributes` VALUES (39,'securitygrouprules','2026-11-21 10:24:05','2026-11-21 10:24:05',NULL,0);
INSERT INTO `standardattributes` VALUES (40,'networks','2026-11-21 10:24:05','2026-11-21 10:24:08','',3);
INSERT INTO `standardattributes` VALUES (41,'networksegments','2026-11-21 10:24:05','2026-11-21 10:24:05',NULL,0);
INSERT INTO `standardattributes` VALUES (42,'subnets','2026-11-21 10:24:05','2026-11-21 10:24:05','',0);
INSERT INTO `standardattributes` VALUES (43,'networks','2026-11-21 10:24:06','2026-11-21 10:24:09','',3);
INSERT INTO `standardattributes` VALUES (44,'networksegments','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (45,'subnets','2026-11-21 10:24:06','2026-11-21 10:24:06','',0);
INSERT INTO `standardattributes` VALUES (46,'securitygroups','2026-11-21 10:24:06','2026-11-21 10:24:06','Default security group',1);
INSERT INTO `standardattributes` VALUES (47,'securitygrouprules','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (48,'securitygrouprules','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (49,'securitygrouprules','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (50,'securitygrouprules','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (51,'networks','2026-11-21 10:24:06','2026-11-21 10:24:07','',2);
INSERT INTO `standardattributes` VALUES (52,'networksegments','2026-11-21 10:24:06','2026-11-21 10:24:06',NULL,0);
INSERT INTO `standardattributes` VALUES (53,'subnets','2026-11-21 10:24:07','2026-11-21 10:24:07','',0);
INSERT INTO `standardattributes` VALUES (54,'networks','2026-11-21 10:24:07','2026-11-21 10:24:07','',2);
INSERT INTO `standardattributes` VALUES (55,'networksegments','2026-11-21 10:24:07','2026-11-21 10:24:07',NULL,0);
INSERT INTO `standardattributes` VALUES (56,'subnets','2026-11-21 10:24:07','2026-11-21 10:24:07','',0);
INSERT INTO `standardattributes` VALUES (57,'networks','2026-11-21 10:24:07','2026-11-21 10:24:08','',2);
INSERT INTO `standardattributes` VALUES (58,'networksegments','2026-11-21 10:24:07','2026-11-21 10:24:07',NULL,0);
INSERT INTO `standardattributes` VALUES (59,'subnets','2026-11-21 10:24:08','2026-11-21 10:24:08','',0);
INSERT INTO `standardattributes` VALUES (60,'subnets','2026-11-21 10:24:08','2026-11-21 10:24:08','',0);
INSERT INTO `standardattributes` VALUES (61,'subnets','2026-11-21 10:24:08','2026-11-21 10:24:08','',0);
INSERT INTO `standardattributes` VALUES (62,'subnets','2026-11-21 10:24:09','2026-11-21 10:24:09','',0);
INSERT INTO `standardattributes` VALUES (63,'securitygroups','2026-11-21 10:24:09','2026-11-21 10:24:10','generated',4);
INSERT INTO `standardattributes` VALUES (64,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (65,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (66,'securitygroups','2026-11-21 10:24:09','2026-11-21 10:24:11','generated',4);
INSERT INTO `standardattributes` VALUES (67,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (68,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (69,'securitygroups','2026-11-21 10:24:09','2026-11-21 10:24:11','generated',4);
INSERT INTO `standardattributes` VALUES (70,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (71,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (72,'securitygroups','2026-11-21 10:24:09','2026-11-21 10:24:12','generated',4);
INSERT INTO `standardattributes` VALUES (73,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (74,'securitygrouprules','2026-11-21 10:24:09','2026-11-21 10:24:09',NULL,0);
INSERT INTO `standardattributes` VALUES (75,'securitygroups','2026-11-21 10:24:10','2026-11-21 10:24:12','generated',4);
INSERT INTO `standardattributes` VALUES (76,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10',NULL,0);
INSERT INTO `standardattributes` VALUES (77,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10',NULL,0);
INSERT INTO `standardattributes` VALUES (78,'securitygroups','2026-11-21 10:24:10','2026-11-21 10:24:13','generated',4);
INSERT INTO `standardattributes` VALUES (79,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10',NULL,0);
INSERT INTO `standardattributes` VALUES (80,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10',NULL,0);
INSERT INTO `standardattributes` VALUES (81,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10','',0);
INSERT INTO `standardattributes` VALUES (82,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10','',0);
INSERT INTO `standardattributes` VALUES (83,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10','',0);
INSERT INTO `standardattributes` VALUES (84,'securitygrouprules','2026-11-21 10:24:10','2026-11-21 10:24:10','',0);
INSERT INTO `standardattributes` VALUES (85,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (86,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (87,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (88,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (89,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (90,'securitygrouprules','2026-11-21 10:24:11','2026-11-21 10:24:11','',0);
INSERT INTO `standardattributes` VALUES (91,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (92,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (93,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (94,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (95,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (96,'securitygrouprules','2026-11-21 10:24:12','2026-11-21 10:24:12','',0);
INSERT INTO `standardattributes` VALUES (97,'securitygrouprules','2026-11-21 10:24:13','2026-11-21 10:24:13','',0);
INSERT INTO `standardattributes` VALUES (98,'securitygrouprules','2026-11-21 10:24:13','2026-11-21 10:24:13','',0);
INSERT INTO `standardattributes` VALUES (99,'ports','2026-11-21 10:24:13','2026-11-21 10:24:14','',2);
INSERT INTO `standardattributes` VALUES (100,'ports','2026-11-21 10:24:14','2026-11-21 10:24:21','',3);
INSERT INTO `standardattributes` VALUES (101,'ports','2026-11-21 10:24:15','2026-11-21 10:24:16','',2);
INSERT INTO `standardattributes` VALUES (102,'ports','2026-11-21 10:24:16','2026-11-21 10:24:16','',2);
INSERT INTO `standardattributes` VALUES (103,'ports','2026-11-21 10:24:16','2026-11-21 10:24:16','',2);
INSERT INTO `standardattributes` VALUES (104,'ports','2026-11-21 10:24:16','2026-11-21 10:24:17','',1);
INSERT INTO `standardattributes` VALUES (105,'ports','2026-11-21 10:24:17','2026-11-21 10:24:53','',5);
INSERT INTO `standardattributes` VALUES (106,'ports','2026-11-21 10:24:17','2026-11-21 10:24:18','',2);
INSERT INTO `standardattributes` VALUES (107,'ports','2026-11-21 10:24:18','2026-11-21 10:24:18','',2);
INSERT INTO `standardattributes` VALUES (108,'ports','2026-11-21 10:24:18','2026-11-21 10:24:18','',2);
INSERT INTO `standardattributes` VALUES (109,'ports','2026-11-21 10:24:18','2026-11-21 10:24:21','',3);
INSERT INTO `standardattributes` VALUES (110,'ports','2026-11-21 10:24:19','2026-11-21 10:24:19','',2);
INSERT INTO `standardattributes` VALUES (111,'ports','2026-11-21 10:24:19','2026-11-21 10:24:19','',1);
INSERT INTO `standardattributes` VALUES (112,'ports','2026-11-21 10:24:19','2026-11-21 10:24:20','',1);
INSERT INTO `standardattributes` VALUES (113,'ports','2026-11-21 10:24:20','2026-11-21 10:24:20','',1);
INSERT INTO `standardattributes` VALUES (114,'ports','2026-11-21 10:24:20','2026-11-21 10:24:20','',1);
INSERT INTO `standardattributes` VALUES (115,'ports','2026-11-21 10:24:20','2026-11-21 10:24:20','',1);
INSERT INTO `standardattributes` VALUES (116,'routers','2026-11-21 10:24:21','2026-11-21 10:24:22','',2);
INSERT INTO `standardattributes` VALUES (117,'ports','2026-11-21 10:24:21','2026-11-21 10:24:21','',1);
INSERT INTO `standardattributes` VALUES (118,'routers','2026-11-21 10:24:22','2026-11-21 10:24:30','',3);
INSERT INTO `standardattributes` VALUES (119,'routers','2026-11-21 10:24:22','2026-11-21 10:24:38','',2);
INSERT INTO `standardattributes` VALUES (120,'routers','2026-11-21 10:24:22','2026-11-21 10:24:36','',4);
INSERT INTO `standardattributes` VALUES (121,'ports','2026-11-21 10:24:23','2026-11-21 10:24:23','',1);
INSERT INTO `standardattributes` VALUES (122,'routers','2026-11-21 10:24:23','2026-11-21 10:24:39','',4);
INSERT INTO `standardattributes` VALUES (123,'ports','2026-11-21 10:24:24','2026-11-21 10:24:24','',1);
INSERT INTO `standardattributes` VALUES (124,'routers','2026-11-21 10:24:24','2026-11-21 10:24:25','',2);
INSERT INTO `standardattributes` VALUES (125,'ports','2026-11-21 10:24:25','2026-11-21 10:24:25','',1);
INSERT INTO `standardattributes` VALUES (126,'ports','2026-11-21 10:24:25','2026-11-21 10:24:50','',3);
INSERT INTO `standardattributes` VALUES (127,'ports','2026-11-21 10:24:27','2026-11-21 10:24:56','',3);
INSERT INTO `standardattributes` VALUES (128,'ports','2026-11-21 10:24:28','2026-11-21 10:24:28','',3);
INSERT INTO `standardattributes` VALUES (129,'ports','2026-11-21 10:24:29','2026-11-21 10:24:30','',2);
INSERT INTO `standardattributes` VALUES (130,'ports','2026-11-21 10:24:31','2026-11-21 10:24:32','',2);
INSERT INTO `standardattributes` VALUES (131,'ports','2026-11-21 10:24:34','2026-11-21 10:24:34','',2);
INSERT INTO `standardattributes` VALUES (132,'ports','2026-11-21 10:24:36','2026-11-21 10:24:36','',2);
INSERT INTO `standardattributes` VALUES (133,'ports','2026-11-21 10:24:39','2026-11-21 10:24:40','',2);
INSERT INTO `standardattributes` VALUES (134,'floatingips','2026-11-21 10:24:40','2026-11-21 10:24:40','',1);
INSERT INTO `standardattributes` VALUES (135,'ports','2026-11-21 10:24:40','2026-11-21 10:24:41','',2);
INSERT INTO `standardattributes` VALUES (136,'floatingips','2026-11-21 10:24:41','2026-11-21 10:24:42','',1);
INSERT INTO `standardattributes` VALUES (137,'ports','2026-11-21 10:24:42','2026-11-21 10:24:43','',2);
INSERT INTO `standardattributes` VALUES (138,'floatingips','2026-11-21 10:24:43','2026-11-21 10:24:43','',0);
INSERT INTO `standardattributes` VALUES (139,'ports','2026-11-21 10:24:44','2026-11-21 10:24:44','',2);
INSERT INTO `standardattributes` VALUES (140,'floatingips','2026-11-21 10:24:44','2026-11-21 10:24:45','',1);
INSERT INTO `standardattributes` VALUES (141,'ports','2026-11-21 10:24:45','2026-11-21 10:24:47','',2);
INSERT INTO `standardattributes` VALUES (142,'floatingips','2026-11-21 10:24:46','2026-11-21 10:24:47','',1);
INSERT INTO `standardattributes` VALUES (143,'ports','2026-11-21 10:24:47','2026-11-21 10:24:48','',2);
INSERT INTO `standardattributes` VALUES (144,'floatingips','2026-11-21 10:24:48','2026-11-21 10:24:49','',1);
INSERT INTO `standardattributes` VALUES (145,'ports','2026-11-21 10:24:49','2026-11-21 10:24:49','',2);
INSERT INTO `standardattributes` VALUES (146,'floatingips','2026-11-21 10:24:49','2026-11-21 10:24:51','',2);
INSERT INTO `standardattributes` VALUES (147,'portforwardings','2026-11-21 10:24:51','2026-11-21 10:24:51','',0);
INSERT INTO `standardattributes` VALUES (148,'ports','2026-11-21 10:24:51','2026-11-21 10:24:51','',2);
INSERT INTO `standardattributes` VALUES (149,'floatingips','2026-11-21 10:24:51','2026-11-21 10:24:53','',4);
INSERT INTO `standardattributes` VALUES (150,'portforwardings','2026-11-21 10:24:52','2026-11-21 10:24:52','',0);
INSERT INTO `standardattributes` VALUES (151,'portforwardings','2026-11-21 10:24:53','2026-11-21 10:24:53','',0);
INSERT INTO `standardattributes` VALUES (152,'securitygroups','2026-11-21 10:24:55','2026-11-21 10:24:55','Default security group',1);
INSERT INTO `standardattributes` VALUES (153,'securitygrouprules','2026-11-21 10:24:55','2026-11-21 10:24:55',NULL,0);
INSERT INTO `standardattributes` VALUES (154,'securitygrouprules','2026-11-21 10:24:55','2026-11-21 10:24:55',NULL,0);
INSERT INTO `standardattributes` VALUES (155,'securitygrouprules','2026-11-21 10:24:55','2026-11-21 10:24:55',NULL,0);
INSERT INTO `standardattributes` VALUES (156,'securitygrouprules','2026-11-21 10:24:55','2026-11-21 10:24:55',NULL,0);
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
  `in_use` tinyint(1) NOT NULL DEFAULT 0,
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
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','03f17a23-daee-413b-bace-c827179399a1','vlan155-v4','10ff6477-7e1d-4562-8c59-d06ae1bdf222',4,'10.150.1.0/24','10.150.1.1',1,NULL,NULL,NULL,20,NULL,1);
INSERT INTO `subnets` VALUES ('d95bafc8f2a4d27bdcf4bb99f4bea973','07caba07-7289-4d5d-9ea3-a0cd593ec6f4','net3-v4','a766bdbe-ed26-4055-bc2b-25d57f338d24',4,'10.1.3.0/24','10.1.3.1',0,NULL,NULL,NULL,53,NULL,1);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','267e5f2e-454b-4d73-8af2-82a0c10fa1af','flat2-v4','155f3deb-febd-4d28-b458-4df1d0c8cc83',4,'10.200.2.0/24','10.200.2.1',1,NULL,NULL,NULL,14,NULL,1);
INSERT INTO `subnets` VALUES ('cf1822ffbc6887782b491044d5e34124','2a13cc60-9d77-435b-9283-b4499c4d2a6d','net0-v4','ad8f4660-c405-496e-a4d6-91349e441f4b',4,'10.1.0.0/24','10.1.0.1',1,NULL,NULL,NULL,34,NULL,1);
INSERT INTO `subnets` VALUES ('5c6e433715ba2bdd177219d30e7a269f','3f3c8958-220b-4f0c-93c0-04858e14ec70','net4-v4','025d221f-a284-4040-b84a-1ef156c1ee1b',4,'10.1.4.0/24','10.1.4.1',1,NULL,NULL,NULL,56,NULL,1);
INSERT INTO `subnets` VALUES ('cf1822ffbc6887782b491044d5e34124','40d99c14-6be6-43bc-be62-7096264509d6','net2-v4','b2948fa1-cef3-41e5-b612-cedd937a3ff1',4,'10.1.2.0/24','10.1.2.1',1,NULL,NULL,NULL,45,NULL,1);
INSERT INTO `subnets` VALUES ('5c6e433715ba2bdd177219d30e7a269f','5cbb08ef-439b-4fd1-b731-a115eaf806a5','net5-v4','80d25274-5c48-4f13-b5c7-46403436031d',4,'10.1.5.0/24','10.1.5.1',0,NULL,NULL,NULL,59,NULL,1);
INSERT INTO `subnets` VALUES ('cf1822ffbc6887782b491044d5e34124','6a724f3d-0912-48d2-a7df-c5679bf44be9','net2-v6-0','b2948fa1-cef3-41e5-b612-cedd937a3ff1',6,'2001:db8:3::/64','2001:db8:3::',1,NULL,'slaac',NULL,62,NULL,1);
INSERT INTO `subnets` VALUES ('5c6e433715ba2bdd177219d30e7a269f','9d05b902-2b9b-4123-85e0-e66adc756ef9','net1-v6-0','542f1a34-2c90-418f-b438-a897e1b87e01',6,'2001:db8:2::/64','2001:db8:2::',1,'dhcpv6-stateful','dhcpv6-stateful',NULL,61,NULL,1);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','a04da7bc-abce-4db7-baec-f04e6da50d83','flat1-v4','7747c172-4847-45d3-b1a0-fc5bf7c90e9a',4,'10.200.1.0/24','10.200.1.1',1,NULL,NULL,NULL,11,NULL,1);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','a2a92581-54a6-4010-bb36-c489a31451e0','vlan150-v4','c347fdb5-6a60-4c85-bd46-c3868e970c6b',4,'10.150.0.0/24','10.150.0.1',0,NULL,NULL,NULL,17,NULL,1);
INSERT INTO `subnets` VALUES ('cf1822ffbc6887782b491044d5e34124','ab3240d2-f5d9-4edb-8f73-4947154c586a','net0-v6-0','ad8f4660-c405-496e-a4d6-91349e441f4b',6,'2001:db8:1::/64','2001:db8:1::',1,'dhcpv6-stateless','dhcpv6-stateless',NULL,60,NULL,1);
INSERT INTO `subnets` VALUES ('5c6e433715ba2bdd177219d30e7a269f','b5ad0317-1aa0-46a7-aaf6-61164a67cebb','net1-v4','542f1a34-2c90-418f-b438-a897e1b87e01',4,'10.1.1.0/24','10.1.1.1',1,NULL,NULL,NULL,42,NULL,1);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','dcaaba25-c5fa-448c-a958-563984e3e7af','vlan181-v4','3fbee5b2-e866-45fa-921a-fe5a9a1d151b',4,'10.150.2.0/24','10.150.2.1',1,NULL,NULL,NULL,23,NULL,1);
INSERT INTO `subnets` VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','ddc7d124-1494-4b27-8a2d-124a1644e51e','public-v4','77479ee8-4cda-4306-930d-1b8b2e054ec7',4,'198.18.0.0/22','198.18.0.1',0,NULL,NULL,NULL,8,NULL,1);
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
